package org.mvdcn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.UsageException;

class PrecisionTest {

    @Test
    void readsTheFirstProcessorsFlags(@TempDir Path dir) throws Exception {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nmodel name\t: Some Xeon\nflags\t\t: fpu avx2 fma avx512f amx_bf16 amx_tile\n\n"
                + "processor\t: 1\nflags\t\t: fpu\n");
        assertThat(Precision.cpuFlags(cpuinfo)).containsExactlyInAnyOrder("fpu", "avx2", "fma", "avx512f", "amx_bf16", "amx_tile");
        assertThat(Precision.cpuFlags(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void bf16IsRefusedOnACpuWithoutAmxSayingWhatIsMissing() {
        for (Set<String> flags : List.of(Set.of("fpu", "avx2", "fma", "avx512f"), Set.of("avx512f", "avx512_bf16"))) {
            assertThatThrownBy(() -> Precision.requireBf16(flags)).isInstanceOf(UsageException.class)
                    .hasMessage("--precision bf16 needs a CPU with AMX (flag amx_bf16); on this CPU oneDNN would run its fp32 "
                            + "kernels anyway: use --precision fp32");
        }
        Precision.requireBf16(Set.of("amx_bf16", "amx_tile"));
    }

    @Test
    void bf16IsRefusedOnAGpuBeforeAnythingIsSet() {
        assertThatThrownBy(() -> Precision.BF16.apply(Device.gpu(1))).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--precision bf16 runs on CPUs only").hasMessageEndingWith("on a GPU use --precision fp32");
    }

    @Test
    void labelsReadInAnyCaseAndUnknownOnesAreNamed() {
        assertThat(Precision.parse("BF16")).isEqualTo(Precision.BF16);
        assertThat(Precision.parse("fp32").label()).isEqualTo("fp32");
        assertThatThrownBy(() -> Precision.parse("fp16")).isInstanceOf(UsageException.class)
                .hasMessage("unknown precision 'fp16' (expected fp32 or bf16)");
    }
}
