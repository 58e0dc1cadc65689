package org.mvdcn.cli;

import picocli.CommandLine;

/** Entry point of the {@code mvdcn} command. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(MvdcnCommand.commandLine().execute(args));
    }
}
