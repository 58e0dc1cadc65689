package org.mvdcn.serve.send;

import com.pixelmed.dicom.SetOfDicomFiles;
import com.pixelmed.network.MultipleInstanceTransferStatusHandlerWithFileName;
import com.pixelmed.network.StorageSOPClassSCU;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mvdcn.UsageException;

/** A C-STORE SCP (the PACS) given as {@code AE@HOST:PORT}; the node calls it with its own AE title. */
public final class DimseDestination implements ResultDestination {

    private static final Pattern ADDRESS = Pattern.compile("([^@]{1,16})@([^:]+):(\\d{1,5})");

    private final String aeTitle;
    private final String host;
    private final int port;
    private final String callingAe;

    public DimseDestination(String aeTitle, String host, int port, String callingAe) {
        this.aeTitle = aeTitle;
        this.host = host;
        this.port = port;
        this.callingAe = callingAe;
    }

    /** Parses {@code AE@HOST:PORT}. */
    public static DimseDestination parse(String address, String callingAe) {
        Matcher m = ADDRESS.matcher(address);
        if (!m.matches() || Integer.parseInt(m.group(3)) > 65535) {
            throw new UsageException("--destination '" + address + "': expected AE@HOST:PORT, e.g. ORTHANC@pacs.example.org:4242");
        }
        return new DimseDestination(m.group(1), m.group(2), Integer.parseInt(m.group(3)), callingAe);
    }

    @Override
    public void store(List<Path> files) throws Exception {
        SetOfDicomFiles set = new SetOfDicomFiles();
        for (Path f : files) {
            set.add(f.toFile());
        }
        List<String> failed = new ArrayList<>();
        int[] completed = {0};
        MultipleInstanceTransferStatusHandlerWithFileName status = new MultipleInstanceTransferStatusHandlerWithFileName() {
            @Override
            public void updateStatus(int remaining, int done, int failures, int warnings, String sopInstanceUid, String file,
                    boolean success) {
                if (success) {
                    completed[0]++;
                } else {
                    failed.add(sopInstanceUid);
                }
            }
        };
        StorageSOPClassSCU scu = new StorageSOPClassSCU(host, port, aeTitle, callingAe, set, 0, status);
        if (!failed.isEmpty() || completed[0] != files.size() || scu.encounteredTrappedExceptions()) {
            throw new java.io.IOException("C-STORE to " + describe() + ": " + completed[0] + " of " + files.size() + " stored"
                    + (failed.isEmpty() ? "" : "; refused " + failed));
        }
    }

    @Override
    public String describe() {
        return aeTitle + "@" + host + ":" + port;
    }
}
