package org.mvdcn.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.NativeLibrary;
import java.nio.file.Path;

/**
 * libtorch's own log threshold. libtorch writes its warnings (NNPACK's "Unsupported hardware" on
 * CPUs its cpuinfo does not know, for one) from C++ straight to the process's stderr, past Java's
 * logging. Their threshold is c10's {@code FLAGS_caffe2_log_level}: only Python's {@code import
 * torch} sets it from {@code TORCH_CPP_LOG_LEVEL}, and DJL exposes no setter, so it is written here,
 * in libc10's exported variable, through JNA.
 */
public final class LibtorchLog {

    /** c10's severity numbers: INFO 0, WARNING 1, ERROR 2, FATAL 3. */
    static final int ERROR = 2;
    private static final String FLAG = "FLAGS_caffe2_log_level";

    private LibtorchLog() {}

    /** From now on libtorch prints errors only; starts the engine if it has not started. */
    public static void errorsOnly() {
        Engine.getEngine("PyTorch");
        libc10().getGlobalVariableAddress(FLAG).setInt(0, ERROR);
    }

    // the library DJL loaded, by its path: System.load keeps its symbols out of the global namespace
    private static NativeLibrary libc10() {
        return NativeLibrary.getInstance(Path.of(LibUtils.getLibtorchPath()).resolve("libc10.so").toString());
    }
}
