package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What docs/deploy ships for running the node as a service: its settings file and its systemd unit. */
class ServeDeploymentTest {

    private static final Path DEPLOY = Path.of(System.getProperty("mvdcn.root"), "docs", "deploy");

    @Test
    void serveReadsItsOptionsFromTheSettingsFile() {
        CommandLine.ParseResult parsed = MvdcnCommand.commandLine().parseArgs("serve", "@" + DEPLOY.resolve("serve.args"));
        ServeCommand serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(serve.weights).isEqualTo(Path.of("/var/lib/mvdcn/models/best.safetensors"));
        assertThat(serve.data).isEqualTo(Path.of("/var/lib/mvdcn/node"));
        assertThat(serve.ae).isEqualTo("MVDCN");
        assertThat(serve.port).isEqualTo(11112);
        assertThat(serve.allowAe).containsExactly("ORTHANC");
        assertThat(serve.destination).isEqualTo("ORTHANC@pacs.example.org:4242");
        assertThat(serve.http).isEqualTo(8080);
        assertThat(serve.bind).isEqualTo("127.0.0.1");
    }

    @Test
    void aSettingGivenTwiceIsRefusedNotSilentlyOverridden(@TempDir Path dir) throws Exception {
        Path settings = dir.resolve("serve.args");
        Files.writeString(settings, "--weights w.safetensors\n--port 104\n");
        assertThatThrownBy(() -> MvdcnCommand.commandLine().parseArgs("serve", "@" + settings, "--port", "11112"))
                .isInstanceOf(CommandLine.OverwrittenOptionException.class).hasMessageContaining("--port");
    }

    @Test
    void theSystemdUnitVerifies(@TempDir Path dir) throws Exception {
        Path unit = DEPLOY.resolve("mvdcn-serve.service");
        String text = Files.readString(unit);
        for (String hardening : List.of("User=mvdcn", "ProtectSystem=strict", "ReadWritePaths=/var/lib/mvdcn", "NoNewPrivileges=yes",
                "Restart=on-failure", "ExecStart=/opt/mvdcn/bin/mvdcn serve @/etc/mvdcn/serve.args")) {
            assertThat(text).contains(hardening);
        }
        // systemd-analyze also checks that ExecStart's program exists: point it at this checkout's launcher
        Path copy = dir.resolve("mvdcn-serve.service");
        Files.writeString(copy, text.replace("/opt/mvdcn/bin/mvdcn", Path.of(System.getProperty("mvdcn.root"), "mvdcn").toString()));
        Process p = new ProcessBuilder("systemd-analyze", "verify", copy.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).as("systemd-analyze's warnings (it exits 0 on an unknown or misspelt setting)").isBlank();
    }
}
