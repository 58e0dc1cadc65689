package org.mvdcn.datasets;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.mvdcn.BadInputException;
import org.mvdcn.MissingFileException;

/** A dataset's metadata CSV as published: its rows by column name, after checking the columns the adapter needs. */
public record MetadataTable(Path file, List<Map<String, String>> rows) {

    public static MetadataTable read(Path file, char delimiter, List<String> required) {
        if (!Files.isRegularFile(file)) {
            throw new MissingFileException(file, "metadata file");
        }
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file);
                CSVParser csv = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                        .setTrim(true).setIgnoreEmptyLines(true).get().parse(in)) {
            List<String> missing = required.stream().filter(c -> !csv.getHeaderMap().containsKey(c)).toList();
            if (!missing.isEmpty()) {
                throw new BadInputException(file, "missing column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                        + " (has " + String.join(", ", csv.getHeaderNames()) + ")");
            }
            for (CSVRecord r : csv) {
                rows.add(r.toMap());
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new BadInputException(file, "unreadable CSV (" + e.getMessage() + ")", e);
        }
        return new MetadataTable(file, rows);
    }

    /** The first of {@code names} that exists under {@code root} (the published layouts move files between releases). */
    public static Path locate(Path root, String... names) {
        for (String n : names) {
            if (Files.isRegularFile(root.resolve(n))) {
                return root.resolve(n);
            }
        }
        throw new BadInputException(root, "none of " + String.join(", ", names) + " found: is this the dataset's root folder?");
    }

    /**
     * A BI-RADS category 0-6 as datasets write it ("2", "2.0", "BI-RADS 2", "4a"); anything else is
     * bad input naming the file, the row (as numbered in the file) and the value.
     */
    public int birads(int index, String column) {
        String text = value(rows.get(index), column);
        String digits = text.replaceFirst("(?i)^bi-?rads\\s*", "").replaceFirst("(?i)^([0-6])(\\.0+|[abc])?$", "$1");
        if (!digits.matches("[0-6]")) {
            throw new BadInputException(file, "row " + (index + 2) + ": unknown BI-RADS '" + text + "' in column " + column);
        }
        return Integer.parseInt(digits);
    }

    static String value(Map<String, String> row, String column) {
        String v = row.get(column);
        return v == null ? "" : v.trim();
    }
}
