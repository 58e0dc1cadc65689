package org.mvdcn.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** docs/deploy/Containerfile as instructions (continuation lines joined, comments dropped): what the tests run of it. */
record Containerfile(Path file, List<String> instructions) {

    static Containerfile of(Path root) throws IOException {
        Path file = root.resolve("docs").resolve("deploy").resolve("Containerfile");
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            current.append(line.strip());
            if (line.endsWith("\\")) {
                current.setLength(current.length() - 1);
                current.append(' ');
            } else {
                instructions.add(current.toString());
                current.setLength(0);
            }
        }
        return new Containerfile(file, instructions);
    }

    /** The arguments of the one instruction named {@code name} (FROM, HEALTHCHECK, ...). */
    String argument(String name) {
        List<String> found = instructions.stream().filter(i -> i.startsWith(name + " ")).toList();
        if (found.size() != 1) {
            throw new IllegalStateException(file + " has " + found.size() + " " + name + " instructions, not 1");
        }
        return found.get(0).substring(name.length() + 1).strip();
    }

    /** HEALTHCHECK's command, the exec form after CMD. */
    List<String> healthcheck() throws IOException {
        String arguments = argument("HEALTHCHECK");
        int cmd = arguments.indexOf("CMD [");
        if (cmd < 0) {
            throw new IllegalStateException(file + ": HEALTHCHECK has no CMD in exec form: " + arguments);
        }
        return new ObjectMapper().readValue(arguments.substring(cmd + 4), new TypeReference<List<String>>() {});
    }
}
