package guest.plugins.host;

/** What a plugin of the {@link PluginHost} is: a name and one piece of work. */
public interface Plugin {

    /** The plugin's name, as the report shows it. */
    String name();

    /**
     * Does the plugin's work.
     *
     * @return what it did, one line for the report
     * @throws Exception whatever went wrong; the host reports it and goes on
     */
    String run() throws Exception;
}
