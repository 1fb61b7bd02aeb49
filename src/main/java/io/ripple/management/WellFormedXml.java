package io.ripple.management;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Checks an XML file before Jolokia's PolicyRestrictor reads it: the restrictor's parser prints "[Fatal Error] …" on
 * standard error and wraps the position in a SAXParseException's text, so an operator's typo would read as two lines
 * and an exception instead of one sentence with the line.
 */
final class WellFormedXml {

    private WellFormedXml() {
    }

    /**
     * @param what how the file is named in the refusal, with its path
     * @throws ManagementException the content is not well-formed XML, naming the line and what is wrong there
     */
    static void check(byte[] content, Path file, String what) throws ManagementException {
        try {
            parser().parse(new ByteArrayInputStream(content));
        } catch (SAXParseException e) {
            throw new ManagementException(what + " " + file + " is not well-formed XML at line " + e.getLineNumber()
                    + ": " + e.getMessage(), e);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new ManagementException(what + " " + file + " cannot be read as XML: " + e.getMessage(), e);
        }
    }

    private static DocumentBuilder parser() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) throws SAXException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                throw e;
            }
        });
        return builder;
    }
}
