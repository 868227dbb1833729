package kvmsh.plan

import spock.lang.Specification

/** The lines the CLI and the REPL print under a failed apply's message come from one place. */
class ApplyExceptionSpec extends Specification {

    static final Action START = new Action.StartNetwork('lan')

    def 'a failure with nothing done before it says so'() {
        expect:
        new ApplyException(START, 1, 'no bridge', [], []).report('undone:') == ['nothing had been changed before it.']
    }

    def 'what was undone is listed under the heading, other failures first'() {
        expect:
        new ApplyException(START, 3, 'no bridge', ['- undefine network lan'], [], ['step 4 define vm a: busy'])
                .report('restored:') == ['also failed: step 4 define vm a: busy', 'restored:', '  - undefine network lan']
    }

    def 'what could not be undone is named, with a warning that the host needs a look'() {
        expect:
        new ApplyException(START, 2, 'no bridge', ['- stop network lan'], ['- undefine network lan: busy'])
                .report('undone:') == ['undone:', '  - stop network lan', 'could not undo: - undefine network lan: busy',
                                       'the host still has what could not be undone; look before running again.']
    }

    def 'an interrupted apply reports like a failed one'() {
        given:
        def e = ApplyException.interrupted(2, 5, ['- stop network lan'], [])

        expect:
        e.message == 'interrupted after 2 of 5 steps'
        e.report('undone:') == ['undone:', '  - stop network lan']
    }
}
