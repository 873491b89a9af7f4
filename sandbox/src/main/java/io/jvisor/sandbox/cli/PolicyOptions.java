package io.jvisor.sandbox.cli;

import io.jvisor.sandbox.policy.Policy;
import io.jvisor.sandbox.policy.PolicyException;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --policy FILE} or {@code --preset NAME}: the policy a command works with. */
final class PolicyOptions {

    @Option(names = "--policy", paramLabel = "FILE", description = "the policy file (see 'jvisor policy --help')")
    Path file;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "a preset policy: trusted, constrained, isolated, untrusted (default: " + Policy.DEFAULT_PRESET + ")")
    String preset;

    /** Whether the options name a policy. */
    boolean given() {
        return file != null || preset != null;
    }

    /** The policy the options name; the default preset if none. */
    Policy resolve() {
        if (file != null && preset != null) {
            throw new FailedException("give --policy or --preset, not both (a policy file can start with 'preset NAME')");
        }
        try {
            if (file != null) {
                return Policy.load(file);
            }
            return Policy.preset(preset != null ? preset : Policy.DEFAULT_PRESET);
        } catch (PolicyException | IllegalArgumentException e) {
            throw new FailedException(e.getMessage(), e);
        }
    }
}
