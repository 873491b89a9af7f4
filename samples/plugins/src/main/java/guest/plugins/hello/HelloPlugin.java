package guest.plugins.hello;

import guest.plugins.host.Plugin;

/** A plugin that does nothing privileged: it greets. */
public final class HelloPlugin implements Plugin {

    @Override
    public String name() {
        return "hello";
    }

    @Override
    public String run() {
        return "hello from a plugin";
    }
}
