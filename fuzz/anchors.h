/*
 * anchors.h - the fixed trust store of fuzz_verify: three roots of
 * data/chains (ca-root.pem, ca-root-b.pem, and ca-root-samename.pem, which
 * has the same subject as ca-root.pem and another key), copied here so
 * the harness needs no file at run time.
 */
#ifndef CERTSHOW_FUZZ_ANCHORS_H
#define CERTSHOW_FUZZ_ANCHORS_H

static const char fuzz_anchors_pem[] =
    /* chains/ca-root.pem */
    "-----BEGIN CERTIFICATE-----\n"
    "MIIDMjCCAhqgAwIBAgICEAEwDQYJKoZIhvcNAQELBQAwOTEXMBUGA1UEChMOY2Vy\n"
    "dHNob3cgdGVzdHMxHjAcBgNVBAMTFWNlcnRzaG93IFRlc3QgUm9vdCBDQTAgFw0w\n"
    "MDAxMDEwMDAwMDBaGA8yMDk5MTIzMTIzNTk1OVowOTEXMBUGA1UEChMOY2VydHNo\n"
    "b3cgdGVzdHMxHjAcBgNVBAMTFWNlcnRzaG93IFRlc3QgUm9vdCBDQTCCASIwDQYJ\n"
    "KoZIhvcNAQEBBQADggEPADCCAQoCggEBAMlwAjKTS66g8g5SEBh66CYj+TWIR7KN\n"
    "bB1yEjYdSlZ5CS9USZeFw4CbBtc3swfZMQsbx7srJU3eppNTQY812BDfHPFKITO+\n"
    "XrTtF8q/sJdtW71dpD3Eus177HnypvKoKBuLW9+pU7Qkn4uDbHf/1sOAh0e+/fPx\n"
    "yc3Sc0n40oyvbpORSlTVAAIfydhZVtv71V7e9F8YsnxTCJ9X1o9tMkWTEcWA0iAn\n"
    "Tvg0QULvgOxG+DD01C+5Rs7dD812gG1mZ9UggE2qqhsh8yO+woSQSQyobzfDDQJb\n"
    "BNcKEsXKK0KtepCQlhQ+dFyokWMeX6lm7OG3jLWkm8qrVzKdZCWXAHMCAwEAAaNC\n"
    "MEAwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAQYwHQYDVR0OBBYEFGaf\n"
    "r+69FuboRvZwJ1OK0YAtCvRXMA0GCSqGSIb3DQEBCwUAA4IBAQAAE6pi6O+Du5Ow\n"
    "pNzgzSsooD7yDsvsLCdfkfAzgQzbPwPeKyZoehnYJzqwAW6rIzcfbbCnC21I0bFZ\n"
    "qx4ukOEjO5xsAM8NckivveuO/5v+hdqK4up8mRXGFSZL4KpQ4yuinfZvK48OaGmL\n"
    "0t1sxQm32maRTaxTNK/k59ejQ2xa4aM0zLuLc2roh/pk/+pnbOeC4GJD0qhrJG15\n"
    "MUrcvYqs2E9jML2Gc41+JwRbi1wHrXbFar2zxhhSKu70hBh8/m50iuwmMnpKe+GI\n"
    "9khZ4GH50Gd3pZrQFmZPjFlFRE1nDSJhe8KGbp5wdd16f3F3YIi9xsyMHueytnZ8\n"
    "UOrovZXf\n"
    "-----END CERTIFICATE-----\n"
    /* chains/ca-root-b.pem */
    "-----BEGIN CERTIFICATE-----\n"
    "MIIDPjCCAiagAwIBAgICEAUwDQYJKoZIhvcNAQELBQAwPzEXMBUGA1UEChMOY2Vy\n"
    "dHNob3cgdGVzdHMxJDAiBgNVBAMTG2NlcnRzaG93IFRlc3QgQ3Jvc3MgUm9vdCBD\n"
    "QTAgFw0wMDAxMDEwMDAwMDBaGA8yMDk5MTIzMTIzNTk1OVowPzEXMBUGA1UEChMO\n"
    "Y2VydHNob3cgdGVzdHMxJDAiBgNVBAMTG2NlcnRzaG93IFRlc3QgQ3Jvc3MgUm9v\n"
    "dCBDQTCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAIb/OywFD/+xnguu\n"
    "qobTuX9Dacyhqg9kbo3ZPdK4OqDIb4pe7Ro/Sfq5Nv3FVVgKdr2uUpcsxl/n1bQ9\n"
    "ALlPvZ93lXQ0M/7tdc3kP3cvXAmOFEHhDVGk9RaGmnfP4+AaDOpenrXNbQwrRsW1\n"
    "KagQvTT+1Rj71zHEz6P8SkYcFsQaEtPG2AM5R3pHbdY31U2kzQZMUTbmxf6x9aFi\n"
    "qa1TdmpZdEneoL/3+p/JUWGrbC14cjfFbr/ia+9mEsZ2i+0aDAzY/0Ia/HbXvaf5\n"
    "qp8uB9n1dQDJHzIBKund2bD4B8TrTcGgILvUEidSnuPfPD6a7cAp8q27zrxLQH8T\n"
    "vqmUDY0CAwEAAaNCMEAwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAQYw\n"
    "HQYDVR0OBBYEFIIkBJK9DoeuDEpp6VWU753J4No/MA0GCSqGSIb3DQEBCwUAA4IB\n"
    "AQBtDWJniJQdyF0Z8CSh87LACSfscxB85llbsygfizWounsxsysmAwSLHtBxo6Jx\n"
    "8NOX26qZeMPyMiS23uk9epU0bbwTILwf5LeZBamu35F2uX2P6EP17pyRSizcDseS\n"
    "r6UyeE0GE+0duMb2jaBR3WkXZbGKxmNwU+8jiylgpKfez3/hWOLLb+76MJuk9d8x\n"
    "fmrCH/HWXEo1tVH7m9b45h1n1Jm1MbhzRM1cpqlkI/1kfnCyR/rMSBRJkJpSLg4S\n"
    "vxSGiHKaxZRv+kV/yegQlkmmYRf2Tt2/f7EWrf5YGGYtKRuUiEL39BR+gYUmcMFS\n"
    "ha+heJ/ooPtGuMkN+LXjWHs8\n"
    "-----END CERTIFICATE-----\n"
    /* chains/ca-root-samename.pem */
    "-----BEGIN CERTIFICATE-----\n"
    "MIIDMjCCAhqgAwIBAgICEAQwDQYJKoZIhvcNAQELBQAwOTEXMBUGA1UEChMOY2Vy\n"
    "dHNob3cgdGVzdHMxHjAcBgNVBAMTFWNlcnRzaG93IFRlc3QgUm9vdCBDQTAgFw0w\n"
    "MDAxMDEwMDAwMDBaGA8yMDk5MTIzMTIzNTk1OVowOTEXMBUGA1UEChMOY2VydHNo\n"
    "b3cgdGVzdHMxHjAcBgNVBAMTFWNlcnRzaG93IFRlc3QgUm9vdCBDQTCCASIwDQYJ\n"
    "KoZIhvcNAQEBBQADggEPADCCAQoCggEBAKWfzyJ54XajZtUNKQqw2KU5Kh31vImg\n"
    "mmDpK7J0vNCRLK05pzaGDNoBdljPvasXek3gssd88/V26d2dkOTHFat3YDnhz2YR\n"
    "Lbi9IvQpBpOJHQZIm85XLFTZ7Cw90C3KMxtpZaa68WQeKyeM8OJlwYx84SsP/EzW\n"
    "dj1jepmRE84bbf58VaVYFohPmpGPJW45Yyo3bntzb7LTW+eMwrw/u1y1kV6sWqOk\n"
    "Ri12ore/0pVdOO2J4OgIadZUvBkY2tvtbJEsyHZk6K6qdYmY6iIknLwBkBXudvjU\n"
    "m9uT+KGtzXFRDFgEeVJ8n2x9qLD0m6PwDbCocmvJoCwpBLUITlFGaIUCAwEAAaNC\n"
    "MEAwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAQYwHQYDVR0OBBYEFGkz\n"
    "1NRVSM6tUUrQuFX6em+DPKjTMA0GCSqGSIb3DQEBCwUAA4IBAQBdx65LIEZy4n43\n"
    "nUsM1EtvK1Ndv4iUJ+dWTS0z/wdOYRVpmMm6Tbftj47LEfnVoI64q2fw7Y3U+YoX\n"
    "2Yg8UkmRX1rNi1j/yEqkWtbRxIT094rMUkPCDFcVwjy5bCQjR4OvGfCs3eB6g36Q\n"
    "sXN0whMGcOMTIE/0jSx4RxJUGAC+lurPKTQTtvxWoVEX47a1+hkriMGWEsnJgLmg\n"
    "uvplCLuWWeGu0RoeXPpd1nIUI6fqQfyYdsGUBfOJBp2xXxSUxYbFLgO4jyL2cHnL\n"
    "xHloT8uBjfi4g8PPRrHlvhEzGe6W68zgnTOIB9RnjouCQdj+J2VKcftcrYObsS8z\n"
    "+SViVxbf\n"
    "-----END CERTIFICATE-----\n";

#endif
