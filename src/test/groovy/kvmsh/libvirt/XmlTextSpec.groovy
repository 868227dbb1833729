package kvmsh.libvirt

import javax.xml.stream.XMLOutputFactory
import javax.xml.stream.XMLStreamWriter
import kvmsh.model.NetworkMode
import spock.lang.Specification

/**
 * kvmsh writes its XML by hand, and must write exactly what the JDK's StAX writer (which it used
 * before) writes: digests of renderings are recorded in libvirt metadata, so a changed byte would
 * make every object look changed. The StAX writer is the oracle here.
 */
class XmlTextSpec extends Specification {

    /** The StAX rendering of {@code root}: two-space indentation, no XML declaration. */
    static String stax(XmlNode root) {
        def out = new StringWriter()
        XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out)
        staxNode(xml, root, 0, null)
        xml.writeCharacters('\n')
        xml.close()
        out.toString()
    }

    private static void staxNode(XMLStreamWriter xml, XmlNode node, int depth, String inheritedNs) {
        if (depth > 0) {
            xml.writeCharacters('\n' + '  ' * depth)
        }
        boolean empty = node.children.isEmpty() && node.text == null
        if (node.namespace != null) {
            empty ? xml.writeEmptyElement(node.prefix, node.name, node.namespace)
                    : xml.writeStartElement(node.prefix, node.name, node.namespace)
            if (node.namespace != inheritedNs) {
                xml.writeNamespace(node.prefix, node.namespace)
            }
        } else {
            empty ? xml.writeEmptyElement(node.name) : xml.writeStartElement(node.name)
        }
        node.attributes.each { k, v -> xml.writeAttribute(k, v) }
        if (empty) {
            return
        }
        if (node.text != null) {
            xml.writeCharacters(node.text)
        }
        node.children.each { staxNode(xml, it, depth + 1, node.namespace) }
        if (!node.children.isEmpty()) {
            xml.writeCharacters('\n' + '  ' * depth)
        }
        xml.writeEndElement()
    }

    def 'renders #what exactly as the StAX writer does'() {
        expect:
        XmlText.write(tree) == stax(tree)

        where:
        what                       | tree
        'a NAT network'            | NetworkXmlRenderer.render(Models.network(NetworkMode.NAT), Models.ANNOTATED)
        'a bridged network'        | NetworkXmlRenderer.render(Models.network(NetworkMode.BRIDGE), Annotations.NONE)
        'a VM using every feature' | DomainXmlRenderer.render(Models.richVm(), Models.ANNOTATED)
        'names and text to escape' | escapes()
    }

    static XmlNode escapes() {
        def root = new XmlNode('domain').attr('type', 'kvm')
        root.textChild('name', 'a&b<c>d"e\'f')
        root.child('description').text = 'line one\n  "quoted" & <tagged> \u00e9\u4e2d'
        root.child('disk').attr('file', '/srv/"odd" & <dir>/x\'s.img').attr('empty', '')
        def meta = root.child('metadata')
        def owner = meta.child('kvmsh', 'https://example.org/kvmsh', 'owner').attr('script', '/a&b.kvm')
        owner.child('kvmsh', 'https://example.org/kvmsh', 'tap').text = 'vnet1'
        owner.child('kvmsh', 'https://example.org/other', 'note').text = ''
        root
    }
}
