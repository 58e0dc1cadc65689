package org.mvdcn.serve.send;

import java.nio.file.Path;
import java.util.List;
import org.mvdcn.dicom.web.DicomWebClient;

/** A DICOMweb server that takes the results by STOW-RS. */
public final class StowDestination implements ResultDestination {

    private final DicomWebClient client;
    private final String base;

    public StowDestination(DicomWebClient client, String base) {
        this.client = client;
        this.base = base;
    }

    @Override
    public void store(List<Path> files) throws Exception {
        client.store(files);
    }

    @Override
    public String describe() {
        return "STOW-RS " + base;
    }
}
