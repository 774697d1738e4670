package dev.foyer.federation.saml;

import dev.foyer.problems.GatewayProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Foyer's one way of reading SAML XML: namespace-aware, no DTD at all (so no entity of any kind,
 * external or expanding), no XInclude, no external schema or stylesheet. What an identity provider
 * or a browser sends is read only through here.
 */
public final class SamlXml {
  public static final String PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
  public static final String ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";
  public static final String METADATA = "urn:oasis:names:tc:SAML:2.0:metadata";
  public static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
  public static final String XMLENC = "http://www.w3.org/2001/04/xmlenc#";

  /**
   * The deepest element nesting read. SAML's deepest legitimate path (an encrypted key inside an
   * encrypted assertion, or a signature's certificate) is about ten levels; the DOM's text and
   * import operations recurse once per level, so a thin, deep document would overflow the stack.
   */
  public static final int MAX_DEPTH = 64;

  private static final DocumentBuilderFactory FACTORY = factory();

  private SamlXml() {}

  private static DocumentBuilderFactory factory() {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    factory.setIgnoringComments(false);
    try {
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("The XML parser cannot be made safe", e);
    }
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return factory;
  }

  /** A new, empty, namespace-aware document builder with the safe settings. */
  public static DocumentBuilder builder() {
    try {
      var builder = FACTORY.newDocumentBuilder();
      // The parser's own messages go nowhere: a refusal says what Foyer found.
      builder.setErrorHandler(new DefaultHandler());
      builder.setEntityResolver(
          (publicId, systemId) -> {
            throw new SAXException("external entities are not read");
          });
      return builder;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * @param what what the bytes are, for the refusal ("The SAML response")
   * @param refusal the code when they are not well-formed XML without a DTD
   */
  public static Document parse(byte[] xml, String what, SamlProblem refusal) {
    Document document;
    try {
      document = builder().parse(new ByteArrayInputStream(xml));
    } catch (SAXException | IOException e) {
      throw new GatewayProblem(
          refusal, what + " is not well-formed XML (or declares a DTD, which Foyer never reads).");
    }
    if (depth(document.getDocumentElement()) > MAX_DEPTH) {
      throw new GatewayProblem(
          refusal, what + " nests elements deeper than " + MAX_DEPTH + " levels.");
    }
    return document;
  }

  /** How many levels of elements {@code root} holds, itself included; without recursion. */
  public static int depth(Element root) {
    int deepest = 0;
    int level = 1;
    Node node = root;
    while (node != null) {
      if (node instanceof Element) {
        deepest = Math.max(deepest, level);
      }
      if (node.getFirstChild() != null) {
        node = node.getFirstChild();
        level++;
        continue;
      }
      while (node != root && node.getNextSibling() == null) {
        node = node.getParentNode();
        level--;
      }
      node = node == root ? null : node.getNextSibling();
    }
    return deepest;
  }

  public static String write(Node node) {
    try {
      var transformer = TransformerFactory.newDefaultInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      var out = new StringWriter();
      transformer.transform(new DOMSource(node), new StreamResult(out));
      return out.toString();
    } catch (TransformerException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The element's direct children named {@code ns}:{@code local}. */
  public static java.util.List<Element> children(Element parent, String ns, String local) {
    var found = new java.util.ArrayList<Element>();
    for (var child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element
          && ns.equals(element.getNamespaceURI())
          && local.equals(element.getLocalName())) {
        found.add(element);
      }
    }
    return found;
  }

  /** The element's only direct child named so, if there is exactly one. */
  public static java.util.Optional<Element> only(Element parent, String ns, String local) {
    var found = children(parent, ns, local);
    return found.size() == 1 ? java.util.Optional.of(found.get(0)) : java.util.Optional.empty();
  }

  /**
   * The element's text without the XML whitespace around it (space, tab, CR, LF: what
   * pretty-printing adds). Nothing more: String.strip() also removed Unicode spaces, and to the
   * identity provider "alice@example.test" followed by U+2003 is another account than Alice's.
   * Comments are left out and the text around them joined, so a comment inside a signed value
   * (invisible to exclusive canonicalization) cannot shorten it.
   */
  public static String text(Element element) {
    var text = element.getTextContent() == null ? "" : element.getTextContent();
    int start = 0;
    int end = text.length();
    while (start < end && isXmlSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && isXmlSpace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean isXmlSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }
}
