package uk.nip.broker.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} pairs; a repeatable flag may also take several values in a row or comma-separated. */
final class CommandLineArguments {

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private CommandLineArguments() {
    }

    static CommandLineArguments parse(List<String> args, Set<String> single, Set<String> repeatable) throws UsageException {
        CommandLineArguments parsed = new CommandLineArguments();
        int i = 0;
        while (i < args.size()) {
            String flag = args.get(i);
            if (!flag.startsWith("--")) {
                throw new UsageException("unexpected argument '" + flag + "'");
            }
            String name = flag.substring(2);
            if (!single.contains(name) && !repeatable.contains(name)) {
                throw new UsageException("unknown option " + flag);
            }
            i++;
            List<String> taken = new ArrayList<>();
            if (single.contains(name)) {
                if (i < args.size() && !args.get(i).startsWith("--")) {
                    taken.add(args.get(i));
                    i++;
                }
            } else {
                while (i < args.size() && !args.get(i).startsWith("--")) {
                    for (String part : args.get(i).split(",")) {
                        if (!part.isBlank()) {
                            taken.add(part.trim());
                        }
                    }
                    i++;
                }
            }
            if (taken.isEmpty()) {
                throw new UsageException(flag + " needs a value");
            }
            if (single.contains(name) && parsed.values.containsKey(name)) {
                throw new UsageException(flag + " given more than once");
            }
            parsed.values.computeIfAbsent(name, k -> new ArrayList<>()).addAll(taken);
        }
        return parsed;
    }

    String required(String name) throws UsageException {
        List<String> v = values.get(name);
        if (v == null) {
            throw new UsageException("--" + name + " is required");
        }
        return v.get(0);
    }

    String optional(String name, String fallback) {
        List<String> v = values.get(name);
        return v == null ? fallback : v.get(0);
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    long number(String name, long fallback, long min, long max) throws UsageException {
        String v = optional(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max) {
                throw new UsageException("--" + name + " must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, not '" + v + "'");
        }
    }
}
