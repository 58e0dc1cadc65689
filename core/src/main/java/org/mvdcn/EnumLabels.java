package org.mvdcn;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The lower-case names mvdcn's enums take in options and files ({@code --padding mean},
 * {@code "init": "lsuv"}), in one place so every such option reads and refuses alike.
 */
public final class EnumLabels {

    private EnumLabels() {}

    public static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} labelled {@code text} (any case); a usage error naming the choices otherwise. */
    public static <E extends Enum<E>> E parse(Class<E> type, String text, String what) {
        List<E> values = Arrays.asList(type.getEnumConstants());
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return values.stream().filter(v -> of(v).equals(wanted)).findFirst().orElseThrow(() -> {
            List<String> labels = values.stream().map(EnumLabels::of).toList();
            String choices = labels.size() == 1 ? labels.get(0)
                    : String.join(", ", labels.subList(0, labels.size() - 1)) + " or " + labels.get(labels.size() - 1);
            return new UsageException("unknown " + what + " '" + text + "' (expected " + choices + ")");
        });
    }
}
