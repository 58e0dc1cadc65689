package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.MvdcnVersion;
import org.mvdcn.TestData;

/**
 * The release as a hospital or a lab installs it: {@code ./mvdcn dist} packs what the build just made, and the
 * unpacked tarball runs predict and serve from its own Java runtime where no JDK, no Maven and no network can be
 * reached ({@link OfflineNamespace}); it names the commit it was built from and its libtorch, and carries the licences
 * of what is in it. Where buildah and the Containerfile's base image are on the machine, the image is built from the
 * tarball and its entrypoint serves, as the image's user, from the image's own file system.
 */
class ReleaseIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path dist;
    static String name;
    static Path release;

    @BeforeAll
    static void packAndUnpack() throws Exception {
        dist = dir.resolve("dist");
        Launcher.Result made = Launcher.run(10, "dist", dist.toString());
        assertThat(made.exit()).as(made.err()).isZero();
        System.out.println(made.err().strip()); // the tarball's size and how long dist took, in the build's log
        name = "mvdcn-" + MvdcnVersion.get() + "-linux-x86_64";
        Path unpacked = Files.createDirectories(dir.resolve("unpacked"));
        Launcher.Result untar = Launcher.toTheEnd(new ProcessBuilder("tar", "-xzf", dist.resolve(name + ".tar.gz").toString(), "-C",
                unpacked.toString()), 5);
        assertThat(untar.exit()).as(untar.err()).isZero();
        release = unpacked.resolve(name);
    }

    @Test
    void versionNamesTheCommitBuiltAndTheLibtorchInside() throws Exception {
        try (OfflineNamespace ns = OfflineNamespace.start(home("version"))) {
            Launcher.Result r = ns.run(1, bin(), "--version");
            assertThat(r.exit()).as(r.err()).isZero();
            Matcher line = Pattern.compile("mvdcn (\\S+) \\(commit ([0-9a-f]{7,40})\\), libtorch (\\S+)").matcher(r.out().strip());
            assertThat(line.matches()).as(r.out()).isTrue();
            assertThat(line.group(1)).isEqualTo(MvdcnVersion.get());
            Launcher.Result head = Launcher.toTheEnd(new ProcessBuilder("git", "-C", root().toString(), "rev-parse", "HEAD"), 1);
            assertThat(head.out().strip()).as("HEAD").startsWith(line.group(2));
            assertThat(release.resolve("lib").resolve("pytorch-native-cpu-" + line.group(3) + "-linux-x86_64.jar")).isRegularFile();
        }
    }

    @Test
    void predictRunsWithNoJdkMavenOrNetworkAndGivesTheInProcessProbabilities() throws Exception {
        String[] predict = {"predict", "--exam", TestData.sampleExam().toAbsolutePath().toString(), "--weights", weights(), "--json"};
        Path home = home("predict");
        JsonNode released;
        try (OfflineNamespace ns = OfflineNamespace.start(home)) {
            assertThat(ns.run(1, "bash", "-c", "java -version").exit()).as("java found in the namespace").isEqualTo(127);
            assertThat(ns.run(1, "bash", "-c", "mvn -v").exit()).as("mvn found in the namespace").isEqualTo(127);
            Launcher.Result r = ns.run(5, CommandRunner.concat(new String[] {bin()}, predict));
            assertThat(r.exit()).as(r.err()).isZero();
            released = JSON.readTree(r.out());
        }
        CommandRunner inProcess = CommandRunner.run(predict);
        assertThat(inProcess.exitCode()).as(inProcess.err()).isZero();
        JsonNode expected = JSON.readTree(inProcess.out());
        for (int k = 0; k < 3; k++) {
            String p = "BI-RADS " + k;
            assertThat(released.path("probabilities").path(p).asDouble()).as(p)
                    .isEqualTo(expected.path("probabilities").path(p).asDouble());
        }
        // DJL took libtorch from the release's own jar into the user's cache: offline, it could not have fetched it
        try (Stream<Path> cache = Files.walk(home.resolve(".cache").resolve("mvdcn"))) {
            assertThat(cache.map(p -> p.getFileName().toString())).contains("libtorch_cpu.so");
        }
    }

    @Test
    void serveAnswersHealthWithNoJdkMavenOrNetwork() throws Exception {
        Path log = dir.resolve("serve.log");
        try (OfflineNamespace ns = OfflineNamespace.start(home("serve"))) {
            // the namespace's loopback is its own: the image's ports are free there
            Process node = ns.command(bin(), "serve", "--weights", weights(), "--data", dir.resolve("node").toString(),
                    "--http", "8080", "--port", "11112").redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(log.toFile()).start();
            awaitHealthy(ns, node, log, Containerfile.of(root()).healthcheck());
            Launcher.stop(node, log);
        }
    }

    @Test
    void theReleaseCarriesTheLicencesOfWhatIsInIt() throws Exception {
        Path licences = release.resolve("LICENSES");
        assertThat(licences.resolve("jdk").resolve("java.base").resolve("LICENSE")).as("the JDK's legal/").isRegularFile();
        assertThat(licences.resolve(jar("javalin-")).resolve("META-INF").resolve("LICENSE")).isRegularFile();
        assertThat(licences.resolve(jar("pytorch-native-cpu-")).resolve("README.txt")).content()
                .contains("https://github.com/pytorch/pytorch/blob/v" + MvdcnVersion.libtorch() + "/LICENSE");
        String thirdParty = Files.readString(licences.resolve("THIRD-PARTY.txt"));
        assertThat(thirdParty).contains("| ai.djl.pytorch:pytorch-engine:").contains("| io.javalin:javalin:");
        // each jar on the class path (mvdcn's own aside) has its line: artifactId-version begins its file name
        List<String> listed = thirdParty.lines().map(l -> l.split(" \\| ")).filter(f -> f.length == 4)
                .map(f -> f[1].split(":")).filter(gav -> gav.length == 3).map(gav -> gav[1] + "-" + gav[2]).toList();
        try (Stream<Path> jars = Files.list(release.resolve("lib"))) {
            for (String jar : jars.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("mvdcn-")).toList()) {
                assertThat(listed).as(jar + " in THIRD-PARTY.txt").anyMatch(a -> jar.equals(a + ".jar") || jar.startsWith(a + "-"));
            }
        }
    }

    /**
     * buildah builds the image from the tarball (chroot isolation: no container runtime needed); its file system,
     * mounted, runs the image's entrypoint with its environment as its user, in a namespace with only a loopback, until
     * the image's own health check passes. Registries cannot be reached from the test machines, so the base image
     * must already be in local storage (README, Install a release).
     */
    @Test
    void theImageBuildsAndItsEntrypointServesAsItsUser() throws Exception {
        Containerfile containerfile = Containerfile.of(root());
        String base = containerfile.argument("FROM");
        assumeThat(Launcher.toTheEnd(new ProcessBuilder("bash", "-c", "command -v buildah"), 1).exit()).as("buildah installed").isZero();
        assumeThat(buildah("images", "--quiet", base).out()).as(base + " in buildah's local storage").isNotBlank();
        String tag = "localhost/mvdcn-release-it:" + ProcessHandle.current().pid();
        Launcher.Result build = Launcher.toTheEnd(new ProcessBuilder("buildah", "bud", "--isolation=chroot", "--pull=false",
                "--format", "docker", "-f", containerfile.file().toString(), "--build-arg", "RELEASE=" + name, "-t", tag,
                dist.toString()), 10);
        assertThat(build.exit()).as(build.out() + build.err()).isZero();
        String container = null;
        try {
            JsonNode config = JSON.readTree(buildah("inspect", "--type", "image", tag).out()).path("Docker").path("config");
            assertThat(config.path("User").asText()).as("the image's user").isNotIn("", "root", "0");
            assertThat(config.path("Volumes").has("/data")).as("/data a volume").isTrue();
            assertThat(config.path("ExposedPorts").has("11112/tcp") && config.path("ExposedPorts").has("8080/tcp")).as("ports").isTrue();
            List<String> health = strings(config.path("Healthcheck").path("Test"));
            assertThat(health).as("the health check kept (docker format)").isNotEmpty().first().isEqualTo("CMD");
            assertThat(health.subList(1, health.size())).isEqualTo(containerfile.healthcheck());

            container = buildah("from", "--pull=false", tag).out().strip();
            Path image = Path.of(buildah("mount", container).out().strip());
            String[] user = Files.readAllLines(image.resolve("etc").resolve("passwd")).stream().map(l -> l.split(":"))
                    .filter(f -> f[0].equals(config.path("User").asText())).findFirst().orElseThrow();
            // the volume as an operator fills it: the weights where the image's settings file looks for them
            Path models = Files.createDirectories(image.resolve("data").resolve("models"));
            Files.copy(Path.of(weights()), models.resolve("best.safetensors"));
            assertThat(Launcher.toTheEnd(new ProcessBuilder("chown", "-R", user[2] + ":" + user[3], models.toString()), 1).exit()).isZero();

            Path log = dir.resolve("image-serve.log");
            try (OfflineNamespace ns = OfflineNamespace.start(home("image"))) {
                // what a container runtime gives the entrypoint besides the image's files
                for (List<String> mount : List.of(List.of("--rbind", "/proc", image.resolve("proc").toString()),
                        List.of("--rbind", "/dev", image.resolve("dev").toString()),
                        List.of("-t", "tmpfs", "tmpfs", image.resolve("tmp").toString()))) {
                    List<String> command = new ArrayList<>(List.of("mount"));
                    command.addAll(mount);
                    Launcher.Result m = ns.run(1, command.toArray(String[]::new));
                    assertThat(m.exit()).as(m.err()).isZero();
                }
                List<String> asUser = List.of("chroot", "--userspec=" + user[2] + ":" + user[3], image.toString());
                List<String> entrypoint = new ArrayList<>(asUser);
                entrypoint.addAll(List.of("env", "-i", "HOME=" + user[5]));
                entrypoint.addAll(strings(config.path("Env")));
                entrypoint.addAll(strings(config.path("Entrypoint")));
                Process node = ns.command(entrypoint.toArray(String[]::new)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(log.toFile()).start();
                List<String> check = new ArrayList<>(asUser);
                check.addAll(health.subList(1, health.size()));
                awaitHealthy(ns, node, log, check);
                Launcher.stop(node, log);
            }
            assertThat(Files.getAttribute(image.resolve("data").resolve("node").resolve("token"), "unix:uid"))
                    .as("the node writes /data as the image's user").isEqualTo(Integer.parseInt(user[2]));
        } finally {
            if (container != null) {
                buildah("umount", container);
                buildah("rm", container);
            }
            buildah("rmi", tag);
        }
    }

    /** Polls the health check inside the namespace until it passes; fails with the node's log if the node ends first. */
    private static void awaitHealthy(OfflineNamespace ns, Process node, Path log, List<String> check) throws Exception {
        Instant end = Instant.now().plus(Duration.ofMinutes(2));
        while (ns.run(1, check.toArray(String[]::new)).exit() != 0) {
            if (!node.isAlive() || Instant.now().isAfter(end)) {
                throw new AssertionError("the node did not pass the health check " + check + ": " + Files.readString(log));
            }
            Thread.sleep(500);
        }
    }

    private static Launcher.Result buildah(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("buildah"));
        command.addAll(List.of(args));
        return Launcher.toTheEnd(new ProcessBuilder(command), 2);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** The LICENSES/ folder of the one jar in lib/ whose name starts so. */
    private static String jar(String prefix) throws IOException {
        try (Stream<Path> jars = Files.list(release.resolve("lib"))) {
            Optional<String> found = jars.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).findFirst();
            return found.orElseThrow(() -> new AssertionError("no " + prefix + "*.jar in " + release.resolve("lib"))).replaceAll("\\.jar$", "");
        }
    }

    private static Path home(String name) throws IOException {
        return Files.createDirectories(dir.resolve("home-" + name));
    }

    private static String bin() {
        return release.resolve("bin").resolve("mvdcn").toString();
    }

    private static String weights() {
        return TestData.resource("parity/full.safetensors").toAbsolutePath().toString();
    }

    private static Path root() {
        return Path.of(System.getProperty("mvdcn.root"));
    }
}
