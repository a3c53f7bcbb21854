package io.github.salesforcejwt;

import java.io.ByteArrayInputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.jspecify.annotations.Nullable;

/**
 * The XML half of {@link SessionEnded}: finds an error code at its place in a small XML
 * error body, such as the REST API's {@code <Errors><Error><errorCode>} or the Bulk API's
 * {@code <error><exceptionCode>}. The body is untrusted input: no DTD and no entity of any
 * kind is read, and a document that has one is not an ended session.
 *
 * @author salesforce-jwt
 */
final class SessionEndedXml {

	private static final XMLInputFactory XML = xmlInputFactory();

	private SessionEndedXml() {
	}

	private static XMLInputFactory xmlInputFactory() {
		XMLInputFactory factory = XMLInputFactory.newFactory();
		// Untrusted input: no DTD, no entity of any kind
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
		return factory;
	}

	/**
	 * Return whether the document's root element is {@code root} and, below it (within
	 * {@code middle} when given), an element {@code code} holds exactly {@code expected}.
	 * Namespaces are ignored: the Bulk API's is
	 * {@code http://www.force.com/2009/06/asyncapi/dataload}.
	 * @param body the whole body
	 * @param root the name the root element must have
	 * @param middle the element between the root and the code, or {@code null} when the
	 * code is a child of the root
	 * @param code the name of the element that holds the code
	 * @param expected the code that says the session ended
	 * @return whether the body holds that code there; {@code false} for a document that
	 * is not well formed or has a DTD or an entity reference
	 */
	static boolean hasCode(byte[] body, String root, @Nullable String middle, String code, String expected) {
		XMLStreamReader reader = null;
		try {
			reader = XML.createXMLStreamReader(new ByteArrayInputStream(body));
			int codeDepth = (middle != null) ? 3 : 2;
			int depth = 0;
			boolean inPath = true;
			boolean found = false;
			while (reader.hasNext()) {
				int event = reader.next();
				if (event == XMLStreamConstants.START_ELEMENT) {
					depth++;
					String name = reader.getLocalName();
					if (depth == 1 && !root.equals(name)) {
						return false;
					}
					if (depth == 2 && middle != null) {
						inPath = middle.equals(name);
					}
					if (depth == codeDepth && inPath && code.equals(name)) {
						found |= expected.equals(reader.getElementText().strip());
						depth--;
					}
				}
				else if (event == XMLStreamConstants.END_ELEMENT) {
					depth--;
				}
				else if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
					return false;
				}
			}
			return found;
		}
		catch (XMLStreamException ex) {
			return false;
		}
		finally {
			close(reader);
		}
	}

	private static void close(@Nullable XMLStreamReader reader) {
		if (reader != null) {
			try {
				reader.close();
			}
			catch (XMLStreamException ex) {
				// Nothing was opened that needs closing: the input is a byte array
			}
		}
	}

}
