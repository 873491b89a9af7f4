package escape.threads;

import java.beans.EventHandler;
import java.beans.Expression;
import java.lang.reflect.Proxy;

/**
 * Registers a shutdown hook made in the host's thread group (the parent of the guest's) without
 * inheriting the guest's thread-locals, whose task is an {@code EventHandler} proxy that starts a
 * host command writing FILE, and returns from main: whoever ends the guest starts the hook, and a
 * sandbox that ends it from a thread of its own starts it as the host's.
 *
 * <p>Source: JDK API, {@code Runtime.addShutdownHook} and
 * {@code Thread(ThreadGroup, Runnable, String, long, boolean inheritThreadLocals)},
 * https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/Thread.html
 */
public final class HookInHostGroup {

    private HookInHostGroup() {
    }

    public static void main(String[] args) {
        ThreadGroup parent = Thread.currentThread().getThreadGroup().getParent();
        Expression start = new Expression(new ProcessBuilder("sh", "-c", "echo escaped > '" + args[0] + "'"), "start", null);
        Runnable task = (Runnable) Proxy.newProxyInstance(null, new Class<?>[] {Runnable.class},
                new EventHandler(start, "getValue", null, null));
        Runtime.getRuntime().addShutdownHook(new Thread(parent != null ? parent : Thread.currentThread().getThreadGroup(),
                task, "hook-in-the-hosts-group", 0, false));
        System.out.println("outlive-hook-host-group: registered; main returns");
    }
}
