/**
 * OCLC's ISO 18626 sample messages exchanged with WorldShare ILL (contracts/iso18626/*.xml,
 * OCLC Circ/ILL Toolkit, MIT licence), inlined verbatim so the browser specs need no file access.
 * The node contract tests read the files themselves and check these copies still match.
 */

export const ISO_SAMPLES: Readonly<Record<string, string>> = {
  'RequestConfirmationSampleError.xml': `<?xml version="1.0" encoding="UTF-8"?>
<ns1:ISO18626Message
        xmlns:ns1="http://illtransactions.org/2013/iso18626" ns1:version="v1_2_2017">
    <ns1:requestConfirmation>
        <ns1:confirmationHeader>
            <ns1:supplyingAgencyId>
                <ns1:agencyIdType ns1:scheme="http://illtransactions.org/ISO18626/OpenCodeList/AgencyIdTypeList-V1.0">ISIL</ns1:agencyIdType>
                <ns1:agencyIdValue>US-ocolcwe</ns1:agencyIdValue>
            </ns1:supplyingAgencyId>
            <ns1:requestingAgencyId>
                <ns1:agencyIdType ns1:scheme="http://illtransactions.org/ISO18626/OpenCodeList/AgencyIdTypeList-V1.0">ISIL</ns1:agencyIdType>
                <ns1:agencyIdValue>US-ocolcm</ns1:agencyIdValue>
            </ns1:requestingAgencyId>
            <ns1:timestamp>2018-02-08T08:34:54Z</ns1:timestamp>
            <ns1:requestingAgencyRequestId></ns1:requestingAgencyRequestId>
            <ns1:multipleItemRequestId>what's this</ns1:multipleItemRequestId>
            <ns1:timestampReceived>2018-02-08T08:44:54Z</ns1:timestampReceived>
            <ns1:messageStatus>ERROR</ns1:messageStatus>
        </ns1:confirmationHeader>
        <ns1:errorData>
            <ns1:errorType>BadlyFormedMessage</ns1:errorType>
            <ns1:errorValue>Some explanation of the error here</ns1:errorValue>
        </ns1:errorData>
    </ns1:requestConfirmation>
</ns1:ISO18626Message>
`,
  'RequestFullWSILLMappingSample1.xml': `<?xml version="1.0" encoding="UTF-8"?>
<ns1:ISO18626Message
        xmlns:ns1="http://illtransactions.org/2013/iso18626" ns1:version="v1_2_2017">
    <ns1:request>
        <ns1:header>
            <ns1:supplyingAgencyId>
                <ns1:agencyIdType ns1:scheme="http://illtransactions.org/ISO18626/OpenCodeList/AgencyIdTypeList-V1.0">ISIL</ns1:agencyIdType>
                <ns1:agencyIdValue>OCLC-ABCDE</ns1:agencyIdValue>
            </ns1:supplyingAgencyId>
            <ns1:requestingAgencyId>
                <ns1:agencyIdType ns1:scheme="http://illtransactions.org/ISO18626/OpenCodeList/AgencyIdTypeList-V1.0">ISIL</ns1:agencyIdType>
                <ns1:agencyIdValue>OCLC-ABCDE</ns1:agencyIdValue>
            </ns1:requestingAgencyId>
            <ns1:multipleItemRequestId>What is this?</ns1:multipleItemRequestId>
            <ns1:timestamp>2018-02-08T08:34:54Z</ns1:timestamp>
            <ns1:requestingAgencyRequestId>my123</ns1:requestingAgencyRequestId>
        </ns1:header>
        <ns1:bibliographicInfo>
            <ns1:title>Something about elephants</ns1:title>
            <ns1:author>Warner, Mark PhD</ns1:author>
            <ns1:subtitle>Subtitle</ns1:subtitle>
            <ns1:edition>Edition</ns1:edition>
            <ns1:titleOfComponent>Article Title</ns1:titleOfComponent>
            <ns1:authorOfComponent>Article Author</ns1:authorOfComponent>
            <ns1:volume>Volume</ns1:volume>
            <ns1:issue>Issue</ns1:issue>
            <ns1:pagesRequested>Pages requested</ns1:pagesRequested>
            <ns1:estimatedNoPages>3</ns1:estimatedNoPages>
            <ns1:bibliographicItemId>
                <ns1:bibliographicItemIdentifier>9760199591787</ns1:bibliographicItemIdentifier>
                <ns1:bibliographicItemIdentifierCode ns1:scheme="http://illtransactions.org/ISO18626/OpenCodeList/BibliographicItemIdCodeList-V1.0">ISBN</ns1:bibliographicItemIdentifierCode>
            </ns1:bibliographicItemId>
            <ns1:informationSource>Information source</ns1:informationSource>
            <ns1:bibliographicRecordId>
                <ns1:bibliographicRecordIdentifierCode ns1:scheme="http://illtransactions.org/ISO18626/OpenCodeList/BibliographicRecordIdCodeList-V1.0">OCLC</ns1:bibliographicRecordIdentifierCode>
                <ns1:bibliographicRecordIdentifier>777</ns1:bibliographicRecordIdentifier>
            </ns1:bibliographicRecordId>
        </ns1:bibliographicInfo>
        <ns1:publicationInfo>
            <ns1:publisher>Publisher</ns1:publisher>
            <ns1:publicationType ns1:scheme="http://illtransactions.org/ISO18626/OpenCodeList/PublicationTypeList-V1.0">Book</ns1:publicationType>
            <ns1:publicationDate>2010-03-02</ns1:publicationDate>
            <ns1:placeOfPublication>New York</ns1:placeOfPublication>
        </ns1:publicationInfo>
        <ns1:serviceInfo>
            <ns1:requestType>New</ns1:requestType>
            <ns1:requestSubType>TransferRequest</ns1:requestSubType>
            <ns1:serviceType>CopyOrLoan</ns1:serviceType>
            <ns1:preferredFormat ns1:scheme="http://illtransactions.org/ISO18626/OpenCodeList/PreferredFormatList-V1.0">LargePrint</ns1:preferredFormat>
            <ns1:needBeforeDate>2018-01-16T14:00:00Z</ns1:needBeforeDate>
            <ns1:copyrightCompliance ns1:scheme="http://illtransactions.org/ISO18626/OpenCodeList/CopyrightComplianceList-V1.0">US-CCG</ns1:copyrightCompliance>
            <ns1:anyEdition>Y</ns1:anyEdition>
            <ns1:note>Note</ns1:note>
        </ns1:serviceInfo>
        <ns1:requestedDeliveryInfo>
            <ns1:address>
                <ns1:physicalAddress>
                    <ns1:line1>1234 City St.</ns1:line1>
                    <ns1:line2>line2</ns1:line2>
                    <ns1:locality>Town</ns1:locality>
                    <ns1:postalCode>12345</ns1:postalCode>
                    <ns1:region ns1:scheme="https://www.iso.org/iso-3166-country-codes.html#2012_iso3166-2">US-OH</ns1:region>
                    <ns1:country ns1:scheme="https://www.iso.org/iso-3166-country-codes.html">US</ns1:country>
                </ns1:physicalAddress>
            </ns1:address>
        </ns1:requestedDeliveryInfo>
        <ns1:billingInfo>
            <ns1:paymentMethod ns1:scheme="http://illtransactions.org/ISO18626/OpenCodeList/PaymentMethodList-V1.0">Paypal</ns1:paymentMethod>
            <ns1:maximumCosts>
                <ns1:currencyCode ns1:scheme="https://www.iso.org/iso-4217-currency-codes.html">USD</ns1:currencyCode>
                <ns1:monetaryValue>99.99</ns1:monetaryValue>
            </ns1:maximumCosts>
            <ns1:billingName>Bill Name</ns1:billingName>
            <ns1:address>
                <ns1:physicalAddress>
                    <ns1:line1>Address Line1</ns1:line1>
                    <ns1:line2>Adresss Line2</ns1:line2>
                    <ns1:locality>Town</ns1:locality>
                    <ns1:postalCode>12356</ns1:postalCode>
                    <ns1:region ns1:scheme="https://www.iso.org/iso-3166-country-codes.html#2012_iso3166-2">US-OH</ns1:region>
                    <ns1:country ns1:scheme="https://www.iso.org/iso-3166-country-codes.html">US</ns1:country>
                </ns1:physicalAddress>
            </ns1:address>
        </ns1:billingInfo>
    </ns1:request>
</ns1:ISO18626Message>
`,
  'RequestingAgencyMessageCancel.xml': `<?xml version="1.0" encoding="UTF-8"?>
<ns1:ISO18626Message ns1:version="v1_2_2017" xmlns:ns1="http://illtransactions.org/2013/iso18626">
    <ns1:requestingAgencyMessage>
        <ns1:header>
            <ns1:supplyingAgencyId>
                <ns1:agencyIdType ns1:scheme="http://illtransactions.org/ISO18626/OpenCodeList/AgencyIdTypeList-V1.0">ISIL</ns1:agencyIdType>
                <ns1:agencyIdValue>OCLC-ABCDE</ns1:agencyIdValue>
            </ns1:supplyingAgencyId>
            <ns1:requestingAgencyId>
                <ns1:agencyIdType ns1:scheme="http://illtransactions.org/ISO18626/OpenCodeList/AgencyIdTypeList-V1.0">ISIL</ns1:agencyIdType>
                <ns1:agencyIdValue>OCLC-BCDEF</ns1:agencyIdValue>
            </ns1:requestingAgencyId>
            <ns1:multipleItemRequestId/>
            <ns1:timestamp>2021-02-09T11:19:23Z</ns1:timestamp>
            <ns1:requestingAgencyRequestId>168134641</ns1:requestingAgencyRequestId>
        </ns1:header>
        <ns1:action>Cancel</ns1:action>
    </ns1:requestingAgencyMessage>
</ns1:ISO18626Message>`,
  'RequestingAgencyMessageConfirmationSample1.xml': `<?xml version="1.0" encoding="UTF-8"?>
<ns1:ISO18626Message
        xmlns:ns1="http://illtransactions.org/2013/iso18626" ns1:version="v1_2_2017">
    <ns1:requestingAgencyMessageConfirmation>
        <ns1:confirmationHeader>
            <ns1:supplyingAgencyId>
                <ns1:agencyIdType ns1:scheme="http://illtransactions.org/ISO18626/OpenCodeList/AgencyIdTypeList-V1.0">ISIL</ns1:agencyIdType>
                <ns1:agencyIdValue>US-ocolcwe</ns1:agencyIdValue>
            </ns1:supplyingAgencyId>
            <ns1:requestingAgencyId>
                <ns1:agencyIdType ns1:scheme="http://illtransactions.org/ISO18626/OpenCodeList/AgencyIdTypeList-V1.0">ISIL</ns1:agencyIdType>
                <ns1:agencyIdValue>US-ocolcm</ns1:agencyIdValue>
            </ns1:requestingAgencyId>
            <ns1:timestamp>2018-02-08T08:34:54Z</ns1:timestamp>
            <ns1:requestingAgencyRequestId>request-id-001</ns1:requestingAgencyRequestId>
            <ns1:multipleItemRequestId>what's this</ns1:multipleItemRequestId>
            <ns1:timestampReceived>2018-02-08T08:35:14Z</ns1:timestampReceived>
            <ns1:messageStatus>OK</ns1:messageStatus>
        </ns1:confirmationHeader>
        <ns1:action>Notification</ns1:action>
        <ns1:errorData>
            <ns1:errorType>BadlyFormedMessage</ns1:errorType>
            <ns1:errorValue>Error Value</ns1:errorValue>
        </ns1:errorData>
    </ns1:requestingAgencyMessageConfirmation>
</ns1:ISO18626Message>
`,
  'RequestingAgencyMessageRenew.xml': `<?xml version="1.0" encoding="UTF-8"?>
<ns1:ISO18626Message ns1:version="v1_2_2017" xmlns:ns1="http://illtransactions.org/2013/iso18626">
    <ns1:requestingAgencyMessage>
        <ns1:header>
            <ns1:supplyingAgencyId>
                <ns1:agencyIdType ns1:scheme="http://illtransactions.org/ISO18626/OpenCodeList/AgencyIdTypeList-V1.0">ISIL</ns1:agencyIdType>
                <ns1:agencyIdValue>OCLC-ABCDE</ns1:agencyIdValue>
            </ns1:supplyingAgencyId>
            <ns1:requestingAgencyId>
                <ns1:agencyIdType ns1:scheme="http://illtransactions.org/ISO18626/OpenCodeList/AgencyIdTypeList-V1.0">ISIL</ns1:agencyIdType>
                <ns1:agencyIdValue>OCLC-BCDEF</ns1:agencyIdValue>
            </ns1:requestingAgencyId>
            <ns1:multipleItemRequestId/>
            <ns1:timestamp>2021-02-09T11:08:39Z</ns1:timestamp>
            <ns1:requestingAgencyRequestId>168134581</ns1:requestingAgencyRequestId>
            <ns1:supplyingAgencyRequestId>Requesting-ID-1</ns1:supplyingAgencyRequestId>
        </ns1:header>
        <ns1:action>Renew</ns1:action>
    </ns1:requestingAgencyMessage>
</ns1:ISO18626Message>`,
  'SupplyingAgencyMessageCancelYes.xml': `<?xml version="1.0" encoding="UTF-8"?>
<ns1:ISO18626Message ns1:version="v1_2_2017" xmlns:ns1="http://illtransactions.org/2013/iso18626">
    <ns1:supplyingAgencyMessage>
        <ns1:header>
            <ns1:supplyingAgencyId>
                <ns1:agencyIdType ns1:scheme="http://illtransactions.org/ISO18626/OpenCodeList/AgencyIdTypeList-V1.0">ISIL</ns1:agencyIdType>
                <ns1:agencyIdValue>OCLC-BCDEF</ns1:agencyIdValue>
            </ns1:supplyingAgencyId>
            <ns1:requestingAgencyId>
                <ns1:agencyIdType ns1:scheme="http://illtransactions.org/ISO18626/OpenCodeList/AgencyIdTypeList-V1.0">ISIL</ns1:agencyIdType>
                <ns1:agencyIdValue>OCLC-ABCDE</ns1:agencyIdValue>
            </ns1:requestingAgencyId>
            <ns1:multipleItemRequestId/>
            <ns1:timestamp>2021-02-09T11:45:27Z</ns1:timestamp>
            <ns1:requestingAgencyRequestId>Requesting-ID-4</ns1:requestingAgencyRequestId>
            <ns1:supplyingAgencyRequestId>168134646</ns1:supplyingAgencyRequestId>
        </ns1:header>
        <ns1:messageInfo>
            <ns1:reasonForMessage>CancelResponse</ns1:reasonForMessage>
            <ns1:answerYesNo>Y</ns1:answerYesNo>
        </ns1:messageInfo>
        <ns1:statusInfo>
            <ns1:status>Cancelled</ns1:status>
            <ns1:lastChange>2021-02-09T11:43:26Z</ns1:lastChange>
        </ns1:statusInfo>
    </ns1:supplyingAgencyMessage>
</ns1:ISO18626Message>`,
  'SupplyingAgencyMessageLoaned.xml': `<?xml version="1.0" encoding="UTF-8"?>
<ns1:ISO18626Message ns1:version="v1_2_2017" xmlns:ns1="http://illtransactions.org/2013/iso18626">
    <ns1:supplyingAgencyMessage>
        <ns1:header>
            <ns1:supplyingAgencyId>
                <ns1:agencyIdType ns1:scheme="http://illtransactions.org/ISO18626/OpenCodeList/AgencyIdTypeList-V1.0">ISIL</ns1:agencyIdType>
                <ns1:agencyIdValue>OCLC-BCDEF</ns1:agencyIdValue>
            </ns1:supplyingAgencyId>
            <ns1:requestingAgencyId>
                <ns1:agencyIdType ns1:scheme="http://illtransactions.org/ISO18626/OpenCodeList/AgencyIdTypeList-V1.0">ISIL</ns1:agencyIdType>
                <ns1:agencyIdValue>OCLC-ABCDE</ns1:agencyIdValue>
            </ns1:requestingAgencyId>
            <ns1:multipleItemRequestId/>
            <ns1:timestamp>2021-02-09T11:24:24Z</ns1:timestamp>
            <ns1:requestingAgencyRequestId>Requesting-ID-2</ns1:requestingAgencyRequestId>
            <ns1:supplyingAgencyRequestId>168134644</ns1:supplyingAgencyRequestId>
        </ns1:header>
        <ns1:messageInfo>
            <ns1:reasonForMessage>RequestResponse</ns1:reasonForMessage>
            <ns1:note>test request
                Loan condition: OTHER (none)</ns1:note>
        </ns1:messageInfo>
        <ns1:statusInfo>
            <ns1:status>Loaned</ns1:status>
            <ns1:dueDate>2021-03-11T05:00:00Z</ns1:dueDate>
            <ns1:lastChange>2021-02-09T11:24:18Z</ns1:lastChange>
        </ns1:statusInfo>
        <ns1:deliveryInfo>
            <ns1:dateSent>2021-02-09T05:00:00Z</ns1:dateSent>
            <ns1:sentToPatron>false</ns1:sentToPatron>
        </ns1:deliveryInfo>
        <ns1:returnInfo>
            <ns1:returnAgencyId>
                <ns1:agencyIdType ns1:scheme="http://illtransactions.org/ISO18626/OpenCodeList/AgencyIdTypeList-V1.0">ISIL</ns1:agencyIdType>
                <ns1:agencyIdValue>OCLC-BCDEF</ns1:agencyIdValue>
            </ns1:returnAgencyId>
            <ns1:name>ILL Dept</ns1:name>
            <ns1:physicalAddress>
                <ns1:line1>1 Example Avenue</ns1:line1>
                <ns1:line2>Office 123</ns1:line2>
                <ns1:locality>Montréal</ns1:locality>
                <ns1:postalCode>X0X 0X0</ns1:postalCode>
                <ns1:region ns1:scheme="https://www.iso.org/iso-3166-country-codes.html#2012_iso3166-2">CA-QC</ns1:region>
                <ns1:country ns1:scheme="https://www.iso.org/iso-3166-country-codes.html">CA</ns1:country>
            </ns1:physicalAddress>
        </ns1:returnInfo>
    </ns1:supplyingAgencyMessage>
</ns1:ISO18626Message>`,
  'SupplyingAgencyMessageRenewYes.xml': `<?xml version="1.0" encoding="UTF-8"?>
<ns1:ISO18626Message ns1:version="v1_2_2017" xmlns:ns1="http://illtransactions.org/2013/iso18626">
    <ns1:supplyingAgencyMessage>
        <ns1:header>
            <ns1:supplyingAgencyId>
                <ns1:agencyIdType ns1:scheme="http://illtransactions.org/ISO18626/OpenCodeList/AgencyIdTypeList-V1.0">ISIL</ns1:agencyIdType>
                <ns1:agencyIdValue>OCLC-BCDEF</ns1:agencyIdValue>
            </ns1:supplyingAgencyId>
            <ns1:requestingAgencyId>
                <ns1:agencyIdType ns1:scheme="http://illtransactions.org/ISO18626/OpenCodeList/AgencyIdTypeList-V1.0">ISIL</ns1:agencyIdType>
                <ns1:agencyIdValue>OCLC-ABCDE</ns1:agencyIdValue>
            </ns1:requestingAgencyId>
            <ns1:multipleItemRequestId/>
            <ns1:timestamp>2021-02-09T11:29:24Z</ns1:timestamp>
            <ns1:requestingAgencyRequestId>Requesting-ID-2</ns1:requestingAgencyRequestId>
            <ns1:supplyingAgencyRequestId>168134644</ns1:supplyingAgencyRequestId>
        </ns1:header>
        <ns1:messageInfo>
            <ns1:reasonForMessage>RenewResponse</ns1:reasonForMessage>
            <ns1:answerYesNo>Y</ns1:answerYesNo>
            <ns1:note>test request
                Loan condition: OTHER (none)</ns1:note>
        </ns1:messageInfo>
        <ns1:statusInfo>
            <ns1:status>Loaned</ns1:status>
            <ns1:dueDate>2021-02-24T05:00:00Z</ns1:dueDate>
            <ns1:lastChange>2021-02-09T11:28:41Z</ns1:lastChange>
        </ns1:statusInfo>
    </ns1:supplyingAgencyMessage>
</ns1:ISO18626Message>
`,
};
