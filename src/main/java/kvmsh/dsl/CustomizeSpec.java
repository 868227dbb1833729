package kvmsh.dsl;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import kvmsh.model.Origin;
import kvmsh.model.XmlEdit;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The statements of a {@code customize { … }} block inside a vm: edits of the domain XML kvmsh
 * generates, applied in order after rendering. Each XPath and fragment is checked here, so a typo
 * is reported with its line before anything runs.
 */
public final class CustomizeSpec extends BlockSpec {

    final List<XmlEdit> edits = new ArrayList<>();

    CustomizeSpec(String vmName, Origin origin, Declarations decl, KvmshScript script) {
        super(vmName, origin, decl, script);
    }

    @Override
    String blockName() {
        return "customize";
    }

    /**
     * Sets an attribute ({@code …/@name}) or an element's text; a simple path that selects
     * nothing is created.
     * <pre>{@code set '/domain/devices/interface/model/@type', 'e1000'}</pre>
     */
    @Keyword(repeatable = true, summary = "set an attribute or element text", example = "set '/domain/vcpu/@placement', 'static'",
            expects = "an XPath and a value")
    public void set(String xpath, Object value) {
        if (xpath(xpath)) {
            edits.add(new XmlEdit(XmlEdit.Kind.SET, xpath, String.valueOf(value), here()));
        }
    }

    /**
     * Removes the selected elements or attributes.
     * <pre>{@code remove '/domain/features/apic'}</pre>
     */
    @Keyword(repeatable = true, summary = "remove elements or attributes", example = "remove '/domain/features/apic'",
            expects = "an XPath")
    public void remove(String xpath) {
        if (xpath(xpath)) {
            edits.add(new XmlEdit(XmlEdit.Kind.REMOVE, xpath, null, here()));
        }
    }

    /**
     * Appends an XML fragment to each selected element.
     * <pre>{@code append '/domain/devices', '<rng model="virtio"><backend model="random">/dev/urandom</backend></rng>'}</pre>
     */
    @Keyword(repeatable = true, summary = "append an XML fragment to elements",
            example = "append '/domain/devices', '<watchdog model=\"i6300esb\"/>'",
            expects = "an XPath and one XML element as text")
    public void append(String xpath, String fragment) {
        if (xpath(xpath) && wellFormed(fragment)) {
            edits.add(new XmlEdit(XmlEdit.Kind.APPEND, xpath, fragment, here()));
        }
    }

    private boolean xpath(String expression) {
        try {
            XPathFactory.newDefaultInstance().newXPath().compile(expression);
            return true;
        } catch (XPathExpressionException e) {
            problem("'" + expression + "' is not a valid XPath", "write it like '/domain/devices/disk[1]/target/@bus'");
            return false;
        }
    }

    private boolean wellFormed(String fragment) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler());
            builder.parse(new InputSource(new StringReader(fragment)));
            return true;
        } catch (Exception e) {
            problem("the fragment is not one well-formed XML element: " + e.getMessage(),
                    "e.g. '<watchdog model=\"i6300esb\"/>'");
            return false;
        }
    }
}
