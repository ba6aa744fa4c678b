import { validateXML } from 'xmllint-wasm';
import { readContract } from './contracts.js';

/** Outcome of an XSD check: `errors` are xmllint's messages without file names, empty when valid. */
export interface XsdResult {
  valid: boolean;
  errors: string[];
}

/**
 * Validates an XML document against the ISO 18626 v1.2 schema OCLC publishes
 * (contracts/iso18626/ISO-18626-v1_2.xsd) with libxml2's xmllint (xmllint-wasm). Not well-formed
 * XML is simply invalid. Never throws: a failure of the validator itself is reported as invalid.
 */
export async function validateIso18626(xml: string): Promise<XsdResult> {
  try {
    const result = await validateXML({
      xml: [{ fileName: 'message.xml', contents: xml }],
      schema: [readContract('iso18626/ISO-18626-v1_2.xsd')],
    });
    return { valid: result.valid, errors: result.errors.map((e) => e.message) };
  } catch (error) {
    return { valid: false, errors: [`validator failed: ${(error as Error).message}`] };
  }
}
