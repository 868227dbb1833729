package kvmsh.plan

import spock.lang.Specification

/** The y/N answer: only y or yes consents. */
class ConsentAnswersSpec extends Specification {

    def 'consent answers: y and yes consent, anything else does not'() {
        expect:
        Consent.granted(answer) == granted

        where:
        answer  || granted
        'y'     || true
        ' YES ' || true
        'Y'     || true
        ''      || false
        'n'     || false
        'yess'  || false
        null    || false
    }
}
