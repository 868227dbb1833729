package kvmsh.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public DSL method and describes it at runtime, so the REPL's help and completion, the
 * README reference and the "did you mean" suggestions all read one source.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Keyword {

    /** One line saying what the statement does. */
    String summary();

    /** A complete statement as a user would write it, e.g. {@code memory '2G'}. */
    String example();

    /**
     * What the arguments must be, completing "KEYWORD expects …" when a call does not fit any
     * overload, e.g. {@code "a number of MiB or a size like '2G'"}.
     */
    String expects();

    /** The named options the keyword takes, e.g. {@code {"network", "bridge", "tap", "mac", "model"}} for nic. */
    String[] options() default {};

    /**
     * Whether a block may use the setting more than once ({@code nic}, {@code disk}, {@code host} …). A setting
     * that holds one value ({@code memory}, {@code dhcp} …) keeps the default, false, and {@link BlockSpec}
     * reports a second use as "declared twice" instead of letting the last one win silently.
     */
    boolean repeatable() default false;

    /**
     * Whether the REPL offers and accepts the keyword. False for what only a script file can be: {@code hook}
     * (qemu calls the file), {@code hypervisor} and what moves VMs between hypervisors ({@code migrate},
     * {@code evacuate}): the REPL works on its {@code :connect}ed hosts, one at a time.
     */
    boolean repl() default true;
}
