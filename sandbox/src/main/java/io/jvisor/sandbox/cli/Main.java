package io.jvisor.sandbox.cli;

/** {@code java -jar jvisor.jar ...}: runs the {@code jvisor} command and exits with its status. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(JvisorCommand.execute(args));
    }
}
