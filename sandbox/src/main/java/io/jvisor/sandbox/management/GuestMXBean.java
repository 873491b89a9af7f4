package io.jvisor.sandbox.management;

import java.util.Map;

/**
 * A guest as JConsole, VisualVM or any JMX client sees it: registered while the guest lives as
 * {@code io.jvisor:type=Guest,name=NAME,id=N} in the platform MBean server, so that a host can
 * watch and steer its guests from outside the JVM.
 */
public interface GuestMXBean {

    /** The domain and type of every guest's name: {@code io.jvisor:type=Guest}. */
    String TYPE = "io.jvisor:type=Guest";

    /** The pattern that matches every guest's name, to query an MBean server with. */
    String ALL = TYPE + ",*";

    /** The guest's name. */
    String getName();

    /** Its state: {@code CREATED}, {@code RUNNING}, {@code PAUSED}, {@code EXITED}, {@code FAILED} or {@code STOPPED}. */
    String getState();

    /** How it is virtualised: {@code FULL}, {@code PARAVIRTUAL} or {@code CONTAINER}. */
    String getMode();

    /** Where its policy came from: {@code preset constrained}, or a policy file's name. */
    String getPolicy();

    /** How many of its threads are alive. */
    int getThreadCount();

    /**
     * What it uses of each resource a quota can limit, by the resource's name ({@code cpu-time} in ns,
     * sizes in bytes; {@code live-heap} an estimate at most a second old, which a read may make anew
     * by walking the guest's objects).
     */
    Map<String, Long> getUsage();

    /** Its quotas, by resource name, as people read them ({@code soft 1.00 s, hard 2.00 s}); resources without one left out. */
    Map<String, String> getQuotas();

    /** How many of its operations its policy decided, by operation ({@code stdout}, {@code file-read}, ...). */
    Map<String, Long> getDecisions();

    /** How it ended ({@code guest 'x' called exit, status 3 ...}), or {@code ""} while it runs. */
    String getResult();

    /** Pauses it: its threads stop at their next safepoint. */
    void pause();

    /** Lets it run on after a pause. */
    void resume();

    /** Kills it: status 137, no shutdown hooks. */
    void kill();

    /**
     * Sets a quota while it runs.
     *
     * @param resource a resource's name: {@code cpu-time}, {@code allocated}, {@code live-heap}, {@code threads},
     *                 {@code open-files}, {@code disk}, {@code output}
     * @param limit    as {@code jvisor run} takes it: {@code SOFT/HARD}, {@code SOFT/}, {@code /HARD} or one amount
     */
    void setQuota(String resource, String limit);
}
