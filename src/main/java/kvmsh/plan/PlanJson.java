package kvmsh.plan;

import kvmsh.model.Problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import groovy.json.JsonGenerator;
import groovy.json.JsonOutput;

import kvmsh.model.Origin;

/**
 * A plan (and, for {@code run --json}, what was done) as JSON for programs: the document that
 * {@code docs/plan.schema.json} describes. {@link #VERSION} changes when a field changes meaning
 * or goes away; new fields may appear without a new version.
 */
public final class PlanJson {

    /** The document's {@code version}. */
    public static final int VERSION = 1;

    private static final JsonGenerator JSON = new JsonGenerator.Options().disableUnicodeEscaping().build();

    private PlanJson() {
    }

    /** The start of a document: format, version, command, script and host. */
    public static Map<String, Object> document(String command, String script, String host) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", "kvmsh-plan");
        doc.put("version", VERSION);
        doc.put("command", command);
        doc.put("script", script);
        doc.put("host", host);
        doc.put("steps", List.of());
        doc.put("notes", List.of());
        doc.put("problems", List.of());
        doc.put("summary", summary(List.of()));
        return doc;
    }

    /** Fills in {@code plan}'s steps, notes, problems and summary. */
    public static Map<String, Object> withPlan(Map<String, Object> doc, Plan plan) {
        String host = (String) doc.get("host");
        List<Step> steps = Step.all(plan);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            // A plan across hosts names each step's hypervisor.
            out.add(step(steps.get(i), plan.steps().get(i) instanceof Action.OnHost h ? h.host() : host));
        }
        doc.put("steps", out);
        doc.put("notes", plan.notes());
        doc.put("problems", plan.problems().stream().map(p -> problem(p.origin(), p.problem(), p.fix())).toList());
        doc.put("summary", summary(steps));
        return doc;
    }

    /**
     * The hosts of a plan across several ({@code hypervisors}: name and URI of each, in the script's
     * order); the document's {@code host} is then null and each step's {@code host} names its hypervisor.
     */
    public static Map<String, Object> withHypervisors(Map<String, Object> doc, Map<String, String> uris) {
        doc.put("host", null);
        List<Map<String, Object>> hosts = new ArrayList<>();
        uris.forEach((name, uri) -> {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("name", name);
            h.put("uri", uri);
            hosts.add(h);
        });
        doc.put("hypervisors", hosts);
        return doc;
    }

    /** Problems found before there was a plan (the script's own errors). */
    public static Map<String, Object> withProblems(Map<String, Object> doc, List<Problem> problems) {
        doc.put("problems", problems.stream().map(p -> problem(p.origin(), p.problem(), p.fix())).toList());
        return doc;
    }

    public static String write(Map<String, Object> doc) {
        return JsonOutput.prettyPrint(JSON.toJson(doc), true);
    }

    static Map<String, Object> step(Step s, String host) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("change", s.change());
        m.put("action", s.action());
        m.put("kind", s.kind());
        m.put("name", s.name());
        m.put("host", host);
        m.put("description", s.sign() + " " + s.text());
        List<Map<String, Object>> fields = new ArrayList<>();
        for (Fields.Change f : s.fields()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("name", f.name());
            fm.put("before", f.before());
            fm.put("after", f.after());
            fm.put("changed", f.changed());
            fields.add(fm);
        }
        m.put("fields", fields);
        m.put("destructive", s.destructive());
        m.put("dataLoss", s.dataLoss());
        m.put("location", s.origin() == null ? null : location(s.origin()));
        return m;
    }

    static Map<String, Object> summary(List<Step> steps) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("adopt", steps.stream().filter(s -> s.change().equals("adopt")).count());
        m.put("add", steps.stream().filter(s -> s.change().equals("add")).count());
        m.put("change", steps.stream().filter(s -> s.change().equals("change")).count());
        m.put("destroy", steps.stream().filter(s -> s.change().equals("destroy")).count());
        m.put("statements", steps.stream().filter(s -> s.change().equals("statement")).count());
        m.put("destructive", steps.stream().filter(Step::destructive).count());
        m.put("text", PlanText.summary(steps));
        return m;
    }

    static Map<String, Object> problem(Origin origin, String problem, String fix) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("location", origin == null ? null : location(origin));
        m.put("problem", problem);
        m.put("fix", fix == null || fix.isEmpty() ? null : fix);
        m.put("text", new Problem(origin == null ? Origin.UNKNOWN : origin, problem, fix).toString());
        return m;
    }

    static Map<String, Object> location(Origin o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", o.file());
        m.put("line", o.line());
        m.put("column", o.column());
        return m;
    }
}
