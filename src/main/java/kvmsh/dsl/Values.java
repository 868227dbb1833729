package kvmsh.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a keyword's argument, or one of its named options, takes: fixed words ({@code accel 'kvm'})
 * or a kind of name ({@code start 'web'} names a stopped VM). Declared beside the keyword, so the
 * REPL completes the values of a new keyword without knowing it. Two places:
 * <ul>
 *   <li>on the keyword's method: {@code @Values({"kvm", "tcg"})},
 *       {@code @Values(option = "network", kind = Kind.NETWORK)};</li>
 *   <li>on the {@code static final List<String>} the keyword's check uses, naming the keyword:
 *       {@code @Values(keyword = "boot") static final List<String> BOOT_DEVICES = …}, so the list
 *       that is accepted and the list that is offered are one.</li>
 * </ul>
 * {@link Keywords#choices} reads them; {@code KeywordValuesSpec} checks that every word is accepted.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD})
@Repeatable(Values.All.class)
public @interface Values {

    /** The words taken (on a method; on a field the list's contents are the words). */
    String[] value() default {};

    /** The named options these values are for; {@code ""} is the keyword's own string arguments. */
    String[] option() default "";

    /** On a field: the keywords of the field's class whose values the list holds. */
    String[] keyword() default {};

    /** A kind of name instead of (or beside) words: looked up where completion runs. */
    Kind kind() default Kind.WORDS;

    /** Kinds of names, found on the host (and in a REPL session's declarations) when asked. */
    enum Kind {
        /** Only the words given. */
        WORDS,
        /** Any VM. */
        VM,
        /** A VM that is not running (what {@code start} takes). */
        STOPPED_VM,
        /** A running (or paused) VM. */
        RUNNING_VM,
        NETWORK,
        POOL,
        VOLUME,
        /** A link that exists on the host (a tap to move). */
        TAP,
        /** A tap name no VM and no link uses yet. */
        NEW_TAP,
        /** A file path. */
        PATH,
        /** An osinfo short id ({@code debian12}). */
        OS
    }

    /** The container Java needs for a repeated annotation. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.FIELD})
    @interface All {
        Values[] value();
    }
}
