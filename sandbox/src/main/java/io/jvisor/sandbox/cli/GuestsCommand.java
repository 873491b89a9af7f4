package io.jvisor.sandbox.cli;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import io.jvisor.sandbox.management.GuestMXBean;
import io.jvisor.sandbox.quota.Resource;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code jvisor guests}: the guests of running JVMs that host jvisor (a {@code jvisor run}, or an
 * application that embeds the hypervisor), read from their MBeans through the attach API; and a
 * pause, resume or kill of one of them.
 */
@Command(name = "guests",
        mixinStandardHelpOptions = true,
        description = {"Lists the guests of a running JVM that hosts jvisor, found by its process id, or of every such JVM "
                + "of this user; pauses, resumes or kills one of them."},
        footer = {"", "Example: jvisor guests 4711 --kill worker"})
final class GuestsCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "PID", description = "the JVM's process id (default: every JVM of this user)")
    private Long pid;

    /** What to do to one guest; at most one. */
    static final class Action {
        @Option(names = "--pause", paramLabel = "GUEST", description = "pause the guest of this name")
        String pause;

        @Option(names = "--resume", paramLabel = "GUEST", description = "let a paused guest of this name run on")
        String resume;

        @Option(names = "--kill", paramLabel = "GUEST", description = "kill the guest of this name (status 137)")
        String kill;
    }

    @ArgGroup(exclusive = true)
    private Action action;

    @Override
    public Integer call() throws IOException {
        String own = Long.toString(ProcessHandle.current().pid());
        List<VirtualMachineDescriptor> vms = new ArrayList<>();
        for (VirtualMachineDescriptor vm : VirtualMachine.list()) {
            if (!vm.id().equals(own) && (pid == null || vm.id().equals(pid.toString()))) {
                vms.add(vm);
            }
        }
        if (pid != null && vms.isEmpty()) {
            throw new FailedException("no JVM of this user has process id " + pid);
        }
        System.out.printf(Locale.ROOT, "%-8s %-20s %-8s %-12s %7s %10s %10s %10s%n", "PID", "GUEST", "STATE", "MODE", "THREADS",
                "CPU", "LIVE-HEAP", "OUTPUT");
        int acted = 0;
        for (VirtualMachineDescriptor vm : vms) {
            acted += visit(vm);
        }
        if (action != null && acted == 0) {
            throw new FailedException("no running guest named '" + target() + "'" + (pid == null ? "" : " in JVM " + pid));
        }
        return 0;
    }

    /** Lists the guests of one JVM and acts on the one named; returns how many it acted on. */
    private int visit(VirtualMachineDescriptor descriptor) throws IOException {
        String address;
        try {
            VirtualMachine vm = VirtualMachine.attach(descriptor);
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException | IOException e) {
            if (pid != null) {
                throw new FailedException("cannot attach to JVM " + pid + ": " + e.getMessage(), e);
            }
            return 0; // another user's JVM, or one that refuses: not ours to list
        }
        int acted = 0;
        JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        try {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            for (ObjectName name : server.queryNames(new ObjectName(GuestMXBean.ALL), null)) {
                GuestMXBean guest = JMX.newMXBeanProxy(server, name, GuestMXBean.class);
                Map<String, Long> usage = guest.getUsage();
                System.out.printf(Locale.ROOT, "%-8s %-20s %-8s %-12s %7d %10s %10s %10s%n", descriptor.id(), guest.getName(),
                        guest.getState(), guest.getMode(), guest.getThreadCount(),
                        Resource.CPU_TIME.format(usage.get(Resource.CPU_TIME.label())),
                        Resource.LIVE_HEAP.format(usage.get(Resource.LIVE_HEAP.label())),
                        Resource.OUTPUT.format(usage.get(Resource.OUTPUT.label())));
                if (action != null && guest.getName().equals(target())) {
                    act(guest, descriptor.id());
                    acted++;
                }
            }
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        } finally {
            try {
                connector.close();
            } catch (IOException e) {
                // the JVM ended with the guest it was asked to kill
            }
        }
        return acted;
    }

    private String target() {
        return action.kill != null ? action.kill : action.pause != null ? action.pause : action.resume;
    }

    private void act(GuestMXBean guest, String jvm) {
        String done;
        try {
            if (action.kill != null) {
                guest.kill();
                done = "killed";
            } else if (action.pause != null) {
                guest.pause();
                done = "paused";
            } else {
                guest.resume();
                done = "resumed";
            }
        } catch (java.lang.reflect.UndeclaredThrowableException e) {
            if (action.kill == null || !(e.getCause() instanceof IOException)) {
                throw e;
            }
            done = "killed (its JVM ended with it)"; // 'jvisor run' exits as its guest ends: the answer is lost
        } catch (IllegalStateException e) {
            throw new FailedException("guest '" + target() + "' in JVM " + jvm + ": " + e.getMessage(), e);
        }
        System.out.println(done + " guest '" + target() + "' in JVM " + jvm);
    }
}
