package org.mvdcn.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Spark distribution's layout made of the jars this build resolved: {@code jars/} holds
 * spark-sql's and jackson-module-scala's dependency closure (the jars a distribution ships, those
 * it shares with mvdcn included, in the versions Maven chose for this module) and nothing of mvdcn's
 * own, so what the application brings with {@code --jars} must be enough, as on a real cluster;
 * {@code bin/} has spark-class and spark-submit; {@code conf/} is empty.
 */
final class SparkDistribution {

    /** What the project depends on for Spark (spark/pom.xml): the roots of the closure. */
    private static final Set<String> SPARK = Set.of("org.apache.spark:spark-sql_2.13", "com.fasterxml.jackson.module:jackson-module-scala_2.13");
    private static final String SCALA_VERSION = "2.13";

    final Path home;

    private SparkDistribution(Path home) {
        this.home = home;
    }

    /**
     * Lays one out in {@code home}, from the module's verbose dependency tree (JSON, as
     * {@code dependency:tree} writes it) and the jars of this JVM's class path.
     */
    static SparkDistribution create(Path home, Path dependencyTree, String classPath) throws IOException {
        Set<String> closure = closure(dependencyTree);
        Path jars = Files.createDirectories(home.resolve("jars"));
        Set<String> linked = new HashSet<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            for (String artifact : closure) {
                if (isJarOf(jar, artifact)) {
                    Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
                    linked.add(artifact);
                }
            }
        }
        if (!linked.containsAll(SPARK)) {
            throw new IOException("Spark's jars (" + SPARK + ") are not on the class path: run through mvn verify");
        }
        Files.createDirectories(home.resolve("conf"));
        Path bin = Files.createDirectories(home.resolve("bin"));
        for (String script : List.of("spark-class", "spark-submit")) {
            try (InputStream in = SparkDistribution.class.getResourceAsStream("spark-home/bin/" + script)) {
                Files.copy(in, bin.resolve(script));
            }
            if (!bin.resolve(script).toFile().setExecutable(true)) {
                throw new IOException(bin.resolve(script) + ": could not be made executable");
            }
        }
        return new SparkDistribution(home);
    }

    /**
     * The environment Spark's scripts expect (what a distribution's load-spark-env.sh sets) and
     * every address the loopback: each JVM of the cluster binds 127.0.0.1 alone.
     */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_CONF_DIR", home.resolve("conf").toString());
        env.put("SPARK_SCALA_VERSION", SCALA_VERSION);
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("PATH", home.resolve("bin") + File.pathSeparator + System.getenv("PATH"));
        return env;
    }

    Path bin(String script) {
        return home.resolve("bin").resolve(script);
    }

    /**
     * Every groupId:artifactId[:classifier] reachable from {@link #SPARK}. The verbose tree lists an
     * artifact wherever it is asked for, but its own dependencies only where Maven kept it, so the
     * walk goes by artifact, not by node.
     */
    private static Set<String> closure(Path dependencyTree) throws IOException {
        if (!Files.isRegularFile(dependencyTree)) {
            throw new IOException(dependencyTree + " not found: mvn verify writes it (dependency:tree) before the integration tests");
        }
        JsonNode tree = new ObjectMapper().readTree(dependencyTree.toFile());
        Deque<String> todo = new ArrayDeque<>();
        for (JsonNode direct : tree.path("children")) {
            if (SPARK.contains(direct.path("groupId").asText() + ":" + direct.path("artifactId").asText())) {
                todo.push(key(direct));
            }
        }
        Map<String, Set<String>> dependencies = new HashMap<>();
        Deque<JsonNode> nodes = new ArrayDeque<>(List.of(tree));
        while (!nodes.isEmpty()) {
            JsonNode node = nodes.pop();
            Set<String> of = dependencies.computeIfAbsent(key(node), k -> new HashSet<>());
            for (JsonNode child : node.path("children")) {
                of.add(key(child));
                nodes.push(child);
            }
        }
        if (todo.size() != SPARK.size()) {
            throw new IOException(dependencyTree + ": the module depends on " + todo + ", not on all of " + SPARK);
        }
        Set<String> closure = new HashSet<>();
        while (!todo.isEmpty()) {
            String artifact = todo.pop();
            if (closure.add(artifact)) {
                todo.addAll(dependencies.getOrDefault(artifact, Set.of()));
            }
        }
        return closure;
    }

    private static String key(JsonNode node) {
        String classifier = node.path("classifier").asText();
        return node.path("groupId").asText() + ":" + node.path("artifactId").asText() + (classifier.isEmpty() ? "" : ":" + classifier);
    }

    /**
     * Whether {@code jar} is the file of {@code artifact} (groupId:artifactId[:classifier]) in a Maven
     * repository's layout: GROUP/PATH/ARTIFACT/VERSION/ARTIFACT-VERSION[-CLASSIFIER].jar, any version.
     */
    private static boolean isJarOf(Path jar, String artifact) {
        String[] parts = artifact.split(":");
        Path versionDir = jar.getParent();
        Path artifactDir = versionDir == null ? null : versionDir.getParent();
        if (artifactDir == null || artifactDir.getParent() == null || !artifactDir.getFileName().toString().equals(parts[1])) {
            return false;
        }
        String name = parts[1] + "-" + versionDir.getFileName() + (parts.length > 2 ? "-" + parts[2] : "") + ".jar";
        return jar.getFileName().toString().equals(name) && artifactDir.getParent().endsWith(parts[0].replace('.', '/'));
    }
}
