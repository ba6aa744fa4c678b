/**
 * OCLC's published WorldShare ILL Request API samples (contracts/oclc-ill, OCLC developer
 * workshop, Apache 2.0), inlined as parsed JSON so the browser specs need no file access.
 * The node contract tests check these copies still equal the files.
 */

/** failure-example.json */
export const FAILURE_EXAMPLE: unknown = {
  response: {
    error: {
      message: 'There was an error processing your request. Please check the error detail.',
      detail: [
        {
          failureCode: 30000,
          fieldName: 'requester.requesterBilling.address.address1',
        },
      ],
      instance: '97f4da43-80d1-4ee5-9edb-f76677a7894c',
    },
    illRequest: {
      requestStatus: 'SUBMITTING',
      needed: '2019-08-15T00:00:00.000+0000',
      requester: {
        institution: {
          institutionId: 128807,
        },
        serviceType: 'COPY',
        supplierInfo: {
          institutions: [
            {
              institutionId: 148456,
            },
            {
              institutionId: 116402,
            },
          ],
        },
        requesterDelivery: {
          deliveryOptions: [],
          address: {
            address1: 'main street',
          },
        },
      },
      item: {
        title: 'Outwitting Squirrels',
        isbn: '978-1556523021',
        verification: 'OCLC',
      },
    },
  },
};

/** errorResponse.json */
export const ERROR_RESPONSE: unknown = {
  code: {
    type: 'http',
    value: '401',
  },
  message: 'No valid authentication credentials found in request',
};

/** illRequestResponse.json */
export const ILL_REQUEST_RESPONSE: unknown = {
  response: {
    illRequest: {
      requestId: 167513532,
      created: '2019-07-17T00:00:00.000+0000',
      edited: '2019-07-17T21:21:45.943+0000',
      requestStatus: 'SUBMITTING',
      needed: '2019-08-31T00:00:00.000+0000',
      requester: {
        institution: {
          institutionId: 128807,
        },
        fulfillmentType: 'OCLC_ILL',
        serviceType: 'COPY',
        supplierInfo: {
          institutions: [
            {
              institutionId: 148456,
            },
            {
              institutionId: 116402,
            },
          ],
        },
        requesterDelivery: {
          deliveryOptions: [
            {
              deliveryType: 'Library Mail',
              deliveryDetail: 'Library Mail',
            },
          ],
          address: {
            address1: '1 Example Street',
          },
        },
        requesterBilling: {
          billingTypes: [],
          address: {
            address1: '1 Example Street',
          },
        },
      },
      item: {
        title: "Simon's Cat",
        oclcNumber: 780941515,
        edition: {},
        verification: 'OCLC',
      },
      patron: {
        name: 'Example Patron',
        userId: 'patron-0001',
        department: 'Library',
        patronType: 'ADULT',
        phone: '000-000-0000',
        email: 'patron@example.org',
        pickupLocationInfo: {
          registryId: 128807,
          name: 'Main Library',
        },
      },
    },
  },
};

/** illRequest-sample.json */
export const ILL_REQUEST_SAMPLE: unknown = {
  illRequest: {
    item: {
      isbn: '978-1556523021',
      title: 'Outwitting Squirrels',
      verification: 'OCLC',
    },
    needed: '2019-08-15T00:00:00.000-00:00',
    requestStatus: 'SUBMITTING',
    requester: {
      institution: {
        institutionId: 128807,
      },
      requesterBilling: {
        address: {
          address1: 'main street',
        },
      },
      requesterDelivery: {
        address: {
          address1: 'main street',
        },
      },
      serviceType: 'COPY',
      supplierInfo: {
        institutions: [
          {
            institutionId: 148456,
          },
          {
            institutionId: 116402,
          },
        ],
      },
    },
  },
};

/** File name -> inlined copy, for the contract test that compares them. */
export const OCLC_SAMPLES: Readonly<Record<string, unknown>> = {
  'failure-example.json': FAILURE_EXAMPLE,
  'errorResponse.json': ERROR_RESPONSE,
  'illRequestResponse.json': ILL_REQUEST_RESPONSE,
  'illRequest-sample.json': ILL_REQUEST_SAMPLE,
};
