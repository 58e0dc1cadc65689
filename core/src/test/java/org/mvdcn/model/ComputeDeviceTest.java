package org.mvdcn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;
import org.mvdcn.UsageException;

class ComputeDeviceTest {

    @Test
    void parsesTheThreeForms() {
        assertThat(ComputeDevice.parse("cpu")).isEqualTo(Device.cpu());
        assertThat(ComputeDevice.parse("gpu")).isEqualTo(Device.gpu(0));
        assertThat(ComputeDevice.parse("gpu:1")).isEqualTo(Device.gpu(1));
        assertThat(ComputeDevice.parse(" GPU:2 ")).isEqualTo(Device.gpu(2));
    }

    @Test
    void aBadNameIsAUsageErrorNamingIt() {
        for (String bad : new String[] {"cuda", "gpu:", "gpu:-1", "gpu:x", "cpu:0", "", "gpu0"}) {
            assertThatThrownBy(() -> ComputeDevice.parse(bad)).isInstanceOf(UsageException.class)
                    .hasMessage("--device must be cpu, gpu or gpu:N, got '" + bad + "'");
        }
    }

    @Test
    void aGpuTheMachineLacksIsAUsageErrorNamingIt() {
        assertThat(ComputeDevice.available(Device.gpu(1), 2)).isEqualTo(Device.gpu(1));
        assertThatThrownBy(() -> ComputeDevice.available(Device.gpu(2), 2)).isInstanceOf(UsageException.class)
                .hasMessage("--device gpu:2: this machine has 2 GPUs, gpu:0 to gpu:1");
        assertThatThrownBy(() -> ComputeDevice.available(Device.gpu(1), 1)).isInstanceOf(UsageException.class)
                .hasMessage("--device gpu:1: this machine has one GPU, gpu:0");
        assertThatThrownBy(() -> ComputeDevice.available(Device.gpu(0), 0)).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--device gpu:0: there is no GPU on this machine");
    }

    @Test
    void onThisMachineTheEngineDecides() {
        assertThat(ComputeDevice.require("cpu")).isEqualTo(Device.cpu());
        int gpus = Engine.getInstance().getGpuCount();
        if (gpus == 0) {
            assertThatThrownBy(() -> ComputeDevice.require("gpu")).isInstanceOf(UsageException.class)
                    .hasMessageStartingWith("--device gpu:0: there is no GPU on this machine");
        } else {
            assertThat(ComputeDevice.require("gpu")).isEqualTo(Device.gpu(0));
        }
    }
}
