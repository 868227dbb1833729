package kvmsh.plan

import kvmsh.model.OpDef
import kvmsh.model.Origin
import spock.lang.Specification

/** The printed plan's markers and summary for steps that can lose data. */
class PlanTextSpec extends Specification {

    Plan plan = new Plan([
            new Action.StartNetwork('lab'),
            new Action.StopDomain('db', false),
            new Action.StopDomain('web', true),
            new Action.DeleteVolume(new Ownership.VolumeRef('default', 'db.qcow2')),
            new Action.RunOp(new OpDef(OpDef.Verb.INFO, 'web', [:], new Origin('s.kvm', 3, 1)))], [], [])

    def 'every step that can lose data has a ! in front and says why under it'() {
        when:
        def lines = plan.render().readLines()

        then:
        lines[0] == '  + start network lab'
        lines[1] == '! - destroy vm db'
        lines[2] == '      can lose data: vm db is powered off at once: what its guest has not written to disk is lost'
        lines[3] == '  - shut down vm web'
        lines[4] == '! - delete volume default/db.qcow2'
        lines[5] == '      can lose data: everything written to default/db.qcow2 is deleted'
        lines[6].startsWith('  > info web')
        lines.last() == '1 to add, 0 to change, 3 to destroy, 1 statement. 2 steps marked ! can lose data.'
    }

    def 'in colour, steps that can lose data are bold red and others take their sign\'s colour'() {
        when:
        def text = plan.render(true)

        then:
        text.contains('\033[1m\033[31m! \033[0m\033[1m\033[31m- destroy vm db\033[0m')
        text.contains('  \033[31m- shut down vm web\033[0m')
        text.contains('  \033[32m+ start network lab\033[0m')
    }

    def 'a plan of statements only has no changes and counts its statements'() {
        expect:
        PlanText.summary(Step.all(new Plan([plan.steps().last()], [], []))) == 'No changes. 1 statement to run.'
        PlanText.summary([]) == 'No changes.'
    }

    def 'every kind of step says what it acts on'() {
        expect:
        Step.all(plan).collect { [it.change(), it.action(), it.kind(), it.name()] } == [
                ['add', 'start', 'network', 'lab'],
                ['destroy', 'destroy', 'vm', 'db'],
                ['destroy', 'shutdown', 'vm', 'web'],
                ['destroy', 'delete', 'volume', 'default/db.qcow2'],
                ['statement', 'info', 'vm', 'web']]
    }
}
