#!/usr/bin/env bash
# Makes the PKCS#12 fixtures of the template conformance tables again, with OpenSSL 3, in the
# shapes of external-secrets' own pkg/template/v2/_testdata (there made with step-cli and
# OpenSSL): an Ed25519 root, an EC P-256 intermediate and leaf "foo", a second, unrelated
# Ed25519 root, and archives without a password in OpenSSL's legacy encryption (certificates
# RC2-40, key 3DES, SHA-1 MAC) and its modern default (PBES2 AES-256, SHA-256 MAC).
# Nothing here is secret: the keys exist only for these tests.
set -euo pipefail
cd "$(dirname "$0")"
days=36500
ca_ext() { printf 'basicConstraints=critical,CA:true\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\n'; }
leaf_ext() { printf 'basicConstraints=critical,CA:false\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\nsubjectAltName=DNS:foo\n'; }

self_signed() { # name
  openssl genpkey -algorithm ed25519 -out "$1.key"
  openssl req -new -x509 -key "$1.key" -subj "/CN=$1" -days $days -out "$1.crt" \
    -addext basicConstraints=critical,CA:true -addext keyUsage=critical,keyCertSign,cRLSign
}
signed() { # name issuer extensions-function
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key"
  openssl req -new -key "$1.key" -subj "/CN=$1" -out "$1.csr"
  openssl x509 -req -in "$1.csr" -CA "$2.crt" -CAkey "$2.key" -CAcreateserial -days $days \
    -extfile <("$3") -out "$1.crt"
  rm -f "$1.csr" "$2.srl"
}

self_signed root-ca
self_signed disjunct-root-ca
signed intermediate-ca root-ca ca_ext
signed foo intermediate-ca leaf_ext

cat foo.crt root-ca.crt intermediate-ca.crt > chain.pem # deliberately out of order
cat root-ca.crt intermediate-ca.crt > intermediate-chain.pem
cat root-ca.crt intermediate-ca.crt disjunct-root-ca.crt > disjunct-chain.pem

openssl pkcs12 -export -legacy -in chain.pem -inkey foo.key -out foo-nopass-legacy.pfx -password pass:
openssl pkcs12 -export -legacy -in foo.crt -certfile intermediate-chain.pem -inkey foo.key \
  -out foo-multibag-nopass-legacy.pfx -password pass:
openssl pkcs12 -export -legacy -in foo.crt -certfile disjunct-chain.pem -inkey foo.key \
  -out foo-disjunct-nopass-legacy.pfx -password pass:
openssl pkcs12 -export -in chain.pem -inkey foo.key -out foo-nopass.pfx -password pass:
openssl pkcs12 -export -legacy -in chain.pem -inkey foo.key -out foo-withpass-1234-legacy.pfx -password pass:1234
openssl pkcs12 -export -in chain.pem -inkey foo.key -out foo-withpass-1234.pfx -password pass:1234
rm -f chain.pem intermediate-chain.pem disjunct-chain.pem root-ca.key disjunct-root-ca.key intermediate-ca.key
