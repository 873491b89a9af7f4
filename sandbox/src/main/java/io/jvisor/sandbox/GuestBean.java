package io.jvisor.sandbox;

import io.jvisor.sandbox.management.GuestMXBean;
import io.jvisor.sandbox.quota.Limit;
import io.jvisor.sandbox.quota.Resource;

import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** A guest's {@link GuestMXBean}, registered while the guest lives. */
final class GuestBean implements GuestMXBean {

    private static final AtomicLong IDS = new AtomicLong();

    private final Guest guest;
    private final ObjectName name;

    private GuestBean(Guest guest, ObjectName name) {
        this.guest = guest;
        this.name = name;
    }

    /**
     * Registers a guest's bean in the platform MBean server.
     *
     * @return its name there, to {@link #unregister} it with
     */
    static ObjectName register(Guest guest) {
        try {
            ObjectName name = new ObjectName(TYPE + ",name=" + ObjectName.quote(guest.name()) + ",id=" + IDS.incrementAndGet());
            ManagementFactory.getPlatformMBeanServer().registerMBean(new GuestBean(guest, name), name);
            return name;
        } catch (MalformedObjectNameException | InstanceAlreadyExistsException e) {
            throw new IllegalStateException("cannot name guest '" + guest.name() + "' in the MBean server", e);
        } catch (JMException e) {
            throw new IllegalStateException("cannot register guest '" + guest.name() + "' in the MBean server: " + e, e);
        }
    }

    static void unregister(ObjectName name) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // unregistered already
        } catch (JMException e) {
            Hypervisor.hostError("jvisor: cannot unregister " + name + ": " + e);
        }
    }

    @Override
    public String getName() {
        return guest.name();
    }

    @Override
    public String getState() {
        return guest.state().name();
    }

    @Override
    public String getMode() {
        return guest.mode().name();
    }

    @Override
    public String getPolicy() {
        return guest.policy().name();
    }

    @Override
    public int getThreadCount() {
        return guest.threadCount();
    }

    @Override
    public Map<String, Long> getUsage() {
        Map<String, Long> usage = new LinkedHashMap<>();
        for (Resource r : Resource.values()) {
            usage.put(r.label(), guest.usage(r));
        }
        return usage;
    }

    @Override
    public Map<String, String> getQuotas() {
        Map<String, String> quotas = new LinkedHashMap<>();
        guest.quotas().all().forEach((r, l) -> quotas.put(r.label(), l.describe(r)));
        return quotas;
    }

    @Override
    public Map<String, Long> getDecisions() {
        return guest.decisionCounts();
    }

    @Override
    public String getResult() {
        GuestResult r = guest.resultNow();
        return r == null ? "" : r.describe();
    }

    @Override
    public void pause() {
        guest.pause();
    }

    @Override
    public void resume() {
        guest.resume();
    }

    @Override
    public void kill() {
        guest.kill();
    }

    @Override
    public void setQuota(String resource, String limit) {
        Resource r = Arrays.stream(Resource.values()).filter(x -> x.label().equals(resource.toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no resource '" + resource + "' (known: "
                        + String.join(", ", Arrays.stream(Resource.values()).map(Resource::label).toList()) + ")"));
        guest.quotas().set(r, Limit.parse(r, limit));
    }

    @Override
    public String toString() {
        return name.toString();
    }
}
