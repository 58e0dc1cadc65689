package org.mvdcn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * mvdcn's own version, as the build recorded it: what results name as the software that made them,
 * the commit it was built from and the libtorch it ships with (read from the build's record, so that
 * saying it does not start the engine).
 */
public final class MvdcnVersion {

    private static final Properties RECORD = read();

    private MvdcnVersion() {}

    public static String get() {
        return field("version");
    }

    /** The git commit the build was made from (abbreviated), or "unknown" for sources outside git. */
    public static String commit() {
        return field("commit");
    }

    /** The libtorch version of the native libraries the build put on the class path. */
    public static String libtorch() {
        return field("libtorch");
    }

    /** The one line {@code mvdcn --version} prints. */
    public static String line() {
        return "mvdcn " + get() + " (commit " + commit() + "), libtorch " + libtorch();
    }

    private static String field(String name) {
        String value = RECORD.getProperty(name);
        if (value == null || value.startsWith("${")) {
            throw new IllegalStateException("org/mvdcn/version.properties has no " + name + ": a broken build");
        }
        return value;
    }

    private static Properties read() {
        try (InputStream in = MvdcnVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("org/mvdcn/version.properties missing from the class path: a broken build");
            }
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
