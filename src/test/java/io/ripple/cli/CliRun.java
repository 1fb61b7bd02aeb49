package io.ripple.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** {@link RippleCli#execute} with captured stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RippleCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    String all() {
        return out + err;
    }
}
