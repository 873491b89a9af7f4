package example.forbidden;

/** A guest class that calls jvisor's trap entry points itself, which no unrewritten guest may. */
public final class CallsTraps {

    private CallsTraps() {
    }

    public static boolean probe() {
        return io.jvisor.hooks.Traps.installed();
    }
}
