package org.mvdcn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** mvdcn's own version, as the build recorded it: what results name as the software that made them. */
public final class MvdcnVersion {

    private static final String VERSION = read();

    private MvdcnVersion() {}

    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = MvdcnVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("org/mvdcn/version.properties missing from the class path: a broken build");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
