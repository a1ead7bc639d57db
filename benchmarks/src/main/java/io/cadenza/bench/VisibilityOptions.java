package io.cadenza.bench;

/**
 * The options of {@link VisibilityBenchmark}.
 *
 * @param executions   closed executions bulk-loaded into namespace {@code default} before measuring
 * @param repeats      timed calls per query
 * @param warmupRounds untimed rounds over all queries first, while the fresh data plane's JIT settles
 * @param warmup       untimed calls of a query right before its timed ones
 */
record VisibilityOptions(int executions, int repeats, int warmupRounds, int warmup) {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: VisibilityBenchmark [--executions N] [--repeats R] [--warmup-rounds K] [--warmup W]",
            "",
            "  --executions N      closed executions loaded into namespace 'default' (default 100000)",
            "  --repeats R         timed calls per query (default 200)",
            "  --warmup-rounds K   untimed rounds over all queries before any timing (default 300)",
            "  --warmup W          untimed calls of each query right before its timed ones (default 20)");

    /**
     * Parses {@code --name value} or {@code --name=value} arguments.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    static VisibilityOptions parse(String[] args) {
        int executions = 100_000;
        int repeats = 200;
        int warmupRounds = 300;
        int warmup = 20;
        for (CliArgs.Option option : CliArgs.parse(args, java.util.Set.of())) {
            String name = option.name();
            String value = option.value();
            switch (name) {
                case "--executions" -> executions = number(name, value, 1);
                case "--repeats" -> repeats = number(name, value, 1);
                case "--warmup-rounds" -> warmupRounds = number(name, value, 0);
                case "--warmup" -> warmup = number(name, value, 0);
                default -> throw new IllegalArgumentException("unknown argument: " + name);
            }
        }
        return new VisibilityOptions(executions, repeats, warmupRounds, warmup);
    }

    private static int number(String name, String value, int min) {
        try {
            int number = Integer.parseInt(value.replace("_", ""));
            if (number >= min) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a number >= " + min + ", got: " + value);
    }
}
