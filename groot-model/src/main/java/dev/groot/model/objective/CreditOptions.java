package dev.groot.model.objective;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Command-line names of the credit rules: the enum constant lower-cased, '_' as '-'. */
final class CreditOptions {

    private CreditOptions() {
    }

    static String optionName(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @param what the option's subject in the error, e.g. "negative credit" */
    static <E extends Enum<E>> E parse(E[] values, String name, String what) {
        if (name != null) {
            String wanted = name.trim().toLowerCase(Locale.ROOT);
            for (E c : values) {
                if (optionName(c).equals(wanted)) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + name + "'; use "
                + Arrays.stream(values).map(CreditOptions::optionName).collect(Collectors.joining(" or ")));
    }
}
