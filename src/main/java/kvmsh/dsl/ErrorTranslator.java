package kvmsh.dsl;

import groovy.lang.MissingPropertyException;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import kvmsh.model.Origin;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SimpleMessage;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.runtime.InvokerInvocationException;
import org.codehaus.groovy.syntax.SyntaxException;

/** Turns compiler errors and exceptions thrown by user code into located {@link Diagnostic}s. */
final class ErrorTranslator {

    private ErrorTranslator() {
    }

    static List<Diagnostic> compilation(MultipleCompilationErrorsException e, String file) {
        List<Diagnostic> out = new ArrayList<>();
        for (Message m : e.getErrorCollector().getErrors()) {
            if (m instanceof SyntaxErrorMessage s) {
                SyntaxException x = s.getCause();
                Origin at = new Origin(file, x.getLine(), x.getStartColumn());
                if (x instanceof DslSyntaxException d) {
                    out.add(new Diagnostic(at, d.problem(), d.fix()));
                } else {
                    out.add(new Diagnostic(at, x.getOriginalMessage(), null));
                }
            } else if (m instanceof ExceptionMessage x) {
                out.add(new Diagnostic(new Origin(file, 0, 0), describe(x.getCause()), null));
            } else if (m instanceof SimpleMessage x) {
                out.add(new Diagnostic(new Origin(file, 0, 0), x.getMessage(), null));
            }
        }
        return out;
    }

    /**
     * An exception thrown while the script ran, located at the innermost frame of the script
     * itself (not of Groovy or kvmsh). The column is the running statement's when it is on that line.
     */
    static Diagnostic runtime(Throwable thrown, KvmshScript script) {
        Throwable t = unwrap(thrown);
        Origin here = script.here();
        Origin at = here;
        String scriptClass = script.getClass().getName();
        for (StackTraceElement frame : t.getStackTrace()) {
            String c = frame.getClassName();
            if ((c.equals(scriptClass) || c.startsWith(scriptClass + "$")) && frame.getLineNumber() > 0) {
                int line = frame.getLineNumber();
                at = new Origin(script.fileName(), line, line == here.line() ? here.column() : 1);
                break;
            }
        }
        if (t instanceof MissingPropertyException mpe && mpe.getType() == script.getClass()) {
            return new Diagnostic(at, "unknown name '" + mpe.getProperty() + "'",
                    "quote it if it is a name ('" + mpe.getProperty() + "'), or assign it before use");
        }
        return new Diagnostic(at, describe(t), null);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable u = t;
        while ((u instanceof InvokerInvocationException || u instanceof InvocationTargetException)
                && u.getCause() != null) {
            u = u.getCause();
        }
        return u;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        if (t instanceof AssertionError && message != null) {
            // A power assertion's value diagram is the useful part; it is not a stack trace.
            return "assertion failed: " + message.strip();
        }
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
