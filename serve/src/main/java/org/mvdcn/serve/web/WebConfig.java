package org.mvdcn.serve.web;

import java.nio.file.Path;

/**
 * The node's web page and API.
 *
 * @param bind the address to listen on (127.0.0.1 unless the operator says otherwise)
 * @param port the HTTP port (0: any free one)
 * @param tokenFile the bearer token's file (made on first start when absent)
 * @param showPatient whether responses may carry the patient's name and ID
 */
public record WebConfig(String bind, int port, Path tokenFile, boolean showPatient) {}
