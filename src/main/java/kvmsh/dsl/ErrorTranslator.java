package kvmsh.dsl;

import kvmsh.model.Problem;

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

/** Turns compiler errors and exceptions thrown by user code into located {@link Problem}s. */
final class ErrorTranslator {

    private ErrorTranslator() {
    }

    /**
     * The compiler's errors as diagnostics. When the parser itself failed, {@link SyntaxHints} looks
     * for the usual cause in {@code source} (an unclosed bracket or string, an unfinished range) and
     * reports that where it is; otherwise the parser's own message, in plainer words.
     */
    static List<Problem> compilation(MultipleCompilationErrorsException e, String file, String source) {
        List<Problem> out = new ArrayList<>();
        boolean parserFailed = e.getErrorCollector().getErrors().stream()
                .anyMatch(m -> m instanceof SyntaxErrorMessage s && !(s.getCause() instanceof DslSyntaxException));
        if (parserFailed && source != null) {
            List<Problem> hints = SyntaxHints.explain(source, file);
            if (!hints.isEmpty()) {
                return hints;
            }
        }
        for (Message m : e.getErrorCollector().getErrors()) {
            if (m instanceof SyntaxErrorMessage s) {
                SyntaxException x = s.getCause();
                Origin at = new Origin(file, x.getLine(), x.getStartColumn());
                if (x instanceof DslSyntaxException d) {
                    out.add(new Problem(at, d.problem(), d.fix()));
                } else {
                    out.add(plain(at, x.getOriginalMessage()));
                }
            } else if (m instanceof ExceptionMessage x && tooLarge(x.getCause())) {
                long lines = source == null ? 0 : source.lines().count();
                out.add(new Problem(new Origin(file, 1, 1), "this script is too large to compile: its top level"
                        + " becomes one Java method, which may hold at most 64 KiB of code"
                        + (lines > 0 ? " (the script has " + lines + " lines)" : ""),
                        "declare similar VMs and networks in a loop, e.g. for (i in 1..500) { vm \"web$i\" { memory 512 } },"
                                + " or split the script into several files"));
            } else if (m instanceof ExceptionMessage x) {
                out.add(new Problem(new Origin(file, 0, 0), describe(x.getCause()), null));
            } else if (m instanceof SimpleMessage x) {
                out.add(new Problem(new Origin(file, 0, 0), x.getMessage(), null));
            }
        }
        return out;
    }

    /** ASM's refusal of a method past the JVM's 64 KiB limit (Groovy shades ASM, so known by name). */
    private static boolean tooLarge(Throwable t) {
        return t != null && t.getClass().getSimpleName().equals("MethodTooLargeException");
    }

    /** Groovy's parser messages, in words for someone who does not know its grammar. */
    private static Problem plain(Origin at, String message) {
        String m = message == null ? "" : message.lines().findFirst().orElse("");
        if (m.startsWith("Unexpected input: '")) {
            String what = m.substring("Unexpected input: '".length()).replaceAll("'$", "");
            if (what.length() > 30) {
                what = what.substring(0, 30) + "…";
            }
            return new Problem(at, "kvmsh cannot read the script from '" + what + "' on",
                    "check this line for a missing quote, comma, bracket or operator");
        }
        if (m.startsWith("Unexpected character: ")) {
            return new Problem(at, "unexpected character " + m.substring("Unexpected character: ".length()),
                    "remove it, or put it inside quotes");
        }
        return new Problem(at, m, null);
    }

    /**
     * An exception thrown while the script ran, located at the innermost frame of the script
     * itself (not of Groovy or kvmsh). The column is the running statement's when it is on that line.
     */
    static Problem runtime(Throwable thrown, KvmshScript script) {
        Throwable t = unwrap(thrown);
        Origin here = script.here();
        Origin at = here;
        String scriptClass = script.getClass().getName();
        for (StackTraceElement frame : t.getStackTrace()) {
            String c = frame.getClassName();
            if ((c.equals(scriptClass) || c.startsWith(scriptClass + "$")) && frame.getLineNumber() > 0) {
                int line = frame.getLineNumber() + script.lineOffset();
                at = new Origin(script.fileName(), line, line == here.line() ? here.column() : 1);
                break;
            }
        }
        if (t instanceof MissingPropertyException mpe && mpe.getType() == script.getClass()) {
            return new Problem(at, "unknown name '" + mpe.getProperty() + "'",
                    "quote it if it is a name ('" + mpe.getProperty() + "'), or assign it before use");
        }
        return translate(at, t);
    }

    private static final java.util.regex.Pattern NULL_CALL =
            java.util.regex.Pattern.compile("Cannot invoke method (\\S+)\\(\\) on null object");
    private static final java.util.regex.Pattern NULL_PROPERTY =
            java.util.regex.Pattern.compile("Cannot (get|set) property '([^']*)' on null object");
    private static final java.util.regex.Pattern AMBIGUOUS =
            java.util.regex.Pattern.compile("Ambiguous method overloading for method [^#]*#(\\w+)\\..*", java.util.regex.Pattern.DOTALL);
    private static final java.util.regex.Pattern CAST =
            java.util.regex.Pattern.compile("Cannot cast object '(.*)' with class '([^']*)' to class '([^']*)'.*",
                    java.util.regex.Pattern.DOTALL);

    /**
     * Groovy's and Java's exception texts, in words for someone who does not know them: what went
     * wrong with which value, and what to check. Anything else keeps its own first line.
     */
    private static Problem translate(Origin at, Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage();
        if (t instanceof NullPointerException) {
            var call = NULL_CALL.matcher(message);
            if (call.find()) {
                return new Problem(at, call.group(1) + "() is called on null, a value that is not set",
                        "check that what comes before ." + call.group(1) + "() has a value");
            }
            var property = NULL_PROPERTY.matcher(message);
            if (property.find()) {
                return new Problem(at, "'" + property.group(2) + "' is " + (property.group(1).equals("get")
                        ? "read from" : "set on") + " null, a value that is not set",
                        "check that what comes before ." + property.group(2) + " has a value");
            }
            return new Problem(at, "a value this line uses is null (not set)",
                    "check the variables and arguments on this line");
        }
        var ambiguous = AMBIGUOUS.matcher(message);
        if (t instanceof groovy.lang.GroovyRuntimeException && ambiguous.matches()) {
            String method = ambiguous.group(1);
            String example = java.util.stream.Stream.of(KvmshScript.class, VmSpec.class, NetworkSpec.class, PoolSpec.class)
                    .map(c -> Keywords.find(c, method)).flatMap(java.util.Optional::stream).findFirst()
                    .map(k -> "e.g. " + k.example()).orElse("give it a value that is not null");
            return new Problem(at, method + " got null, so kvmsh cannot tell which of its forms is meant", example);
        }
        if (t instanceof groovy.lang.MissingMethodException mme) {
            String on = mme.getType() == null ? "the value" : article(mme.getType().getSimpleName());
            return new Problem(at, on + " has no method " + mme.getMethod() + "() for these arguments",
                    "check the name and the arguments");
        }
        if (t instanceof MissingPropertyException mpe) {
            String on = mpe.getType() == null ? "the value" : article(mpe.getType().getSimpleName());
            return new Problem(at, on + " has no property '" + mpe.getProperty() + "'", "check the name");
        }
        var cast = CAST.matcher(message);
        if (t instanceof ClassCastException && cast.matches()) {
            String from = cast.group(2).replaceAll(".*\\.", "");
            String to = cast.group(3).replaceAll(".*\\.", "");
            return new Problem(at, "'" + cast.group(1) + "' (" + from + ") cannot be used as " + to,
                    "give a value of the right kind");
        }
        if (t instanceof StackOverflowError) {
            return new Problem(at, "the script calls itself without end (stack overflow)",
                    "check the function that calls itself for a way to stop");
        }
        if (t instanceof ArithmeticException && message.equals("Division by zero")) {
            return new Problem(at, "division by zero", "check the divisor");
        }
        return new Problem(at, describe(t), null);
    }

    private static String article(String noun) {
        return ("AEIOU".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
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
