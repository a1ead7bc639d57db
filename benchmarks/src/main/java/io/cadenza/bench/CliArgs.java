package io.cadenza.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The command-line form every harness of this module takes: {@code --name value} or {@code --name=value}. */
final class CliArgs {

    /** One option as given; {@code value} is null for a flag. */
    record Option(String name, String value) {
    }

    private CliArgs() {
    }

    /**
     * The options in order; names in {@code flags} take no value.
     *
     * @throws IllegalArgumentException when the last option has no value
     */
    static List<Option> parse(String[] args, Set<String> flags) {
        List<Option> options = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            int equals = name.indexOf('=');
            if (flags.contains(name)) {
                options.add(new Option(name, null));
            } else if (name.startsWith("--") && equals > 0) {
                options.add(new Option(name.substring(0, equals), name.substring(equals + 1)));
            } else if (i + 1 < args.length) {
                options.add(new Option(name, args[++i]));
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
        }
        return options;
    }
}
