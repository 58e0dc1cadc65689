package org.mvdcn.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the real command line in-process and captures what it prints. */
record CommandRunner(int exitCode, String out, String err) {

    static CommandRunner run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = MvdcnCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CommandRunner(code, out.toString(), err.toString());
    }

    /** {@code args} followed by {@code more}: one command line with a few options added. */
    static String[] concat(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    /** Standard error without the notes (lines starting "note:"), stripped: the error line of a refusal. */
    String error() {
        return err.lines().filter(l -> !l.startsWith("note:")).collect(java.util.stream.Collectors.joining("\n")).strip();
    }
}
