package io.jvisor.agent.guard;

import io.jvisor.hooks.Guards;
import net.bytebuddy.asm.Advice;

/**
 * Woven where the JDK looks up the JVM's default group of asynchronous channels, which it makes on
 * the first thread that needs one (JDK 17 to 25, Linux: {@code LinuxAsynchronousChannelProvider.defaultEventPort()}):
 * the group's threads are that thread's, and when it is a guest's the hypervisor makes the group
 * on a thread of its own first.
 */
final class ChannelGroupGuard {

    private ChannelGroupGuard() {
    }

    @Advice.OnMethodEnter
    static void enter() {
        Guards.defaultChannelGroupNeeded();
    }

    /**
     * Woven into the constructor of every group of asynchronous channels ({@code AsynchronousChannelGroupImpl},
     * JDK 17 to 25): a group a guest makes is its own, shut down when it ends.
     */
    static final class Made {

        private Made() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This java.nio.channels.AsynchronousChannelGroup group) {
            Guards.channelGroupMade(group);
        }
    }
}
