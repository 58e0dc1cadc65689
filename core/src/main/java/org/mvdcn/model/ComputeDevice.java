package org.mvdcn.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mvdcn.UsageException;

/**
 * The device a model runs on, as {@code --device} names it: {@code cpu}, {@code gpu} (the first)
 * or {@code gpu:N}. Every loader takes the device this class gives, so the network's parameters,
 * its inputs, the labels and the optimizer's state are all made by a manager of that one device.
 */
public final class ComputeDevice {

    /** What {@code --device} says in every command's help. */
    public static final String HELP = "Where the network runs: cpu, gpu (the first GPU) or gpu:N. A GPU needs the CUDA build "
            + "of libtorch (README, \"GPUs\"); asking for one this machine lacks stops before any work.";

    private static final Pattern NAME = Pattern.compile("cpu|gpu(?::(\\d{1,3}))?");

    private ComputeDevice() {}

    /** The device {@code name} names, checked to exist on this machine before any work starts. */
    public static Device require(String name) {
        Device device = parse(name);
        // the CPU build of libtorch reports no GPU even where one is installed: asking the engine is the check that matters
        return available(device, device.isGpu() ? Engine.getInstance().getGpuCount() : 0);
    }

    /** The device {@code name} names, without asking the engine whether it has it. */
    public static Device parse(String name) {
        Matcher m = NAME.matcher(name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new UsageException("--device must be cpu, gpu or gpu:N, got '" + name + "'");
        }
        if (m.group(0).equals("cpu")) {
            return Device.cpu();
        }
        return Device.gpu(m.group(1) == null ? 0 : Integer.parseInt(m.group(1)));
    }

    /** {@code device} when a machine whose libtorch sees {@code gpus} GPUs has it, else a usage error naming it. */
    static Device available(Device device, int gpus) {
        if (!device.isGpu() || device.getDeviceId() < gpus) {
            return device;
        }
        String name = "gpu:" + device.getDeviceId();
        if (gpus == 0) {
            throw new UsageException("--device " + name + ": there is no GPU on this machine that libtorch can use (no CUDA "
                    + "device, or the CPU build of libtorch is loaded; the README's \"GPUs\" section says how to load the CUDA "
                    + "build); use --device cpu");
        }
        throw new UsageException("--device " + name + ": this machine has " + (gpus == 1 ? "one GPU, gpu:0"
                : gpus + " GPUs, gpu:0 to gpu:" + (gpus - 1)));
    }
}
