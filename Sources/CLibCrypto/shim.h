// OpenSSL 3 libcrypto, with deprecated APIs hidden. Only PHRCrypto imports this module.
#ifndef PHR_CLIBCRYPTO_SHIM_H
#define PHR_CLIBCRYPTO_SHIM_H
#define OPENSSL_API_COMPAT 30000
#define OPENSSL_NO_DEPRECATED 1
#include <openssl/evp.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/bn.h>
#include <openssl/kdf.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>
#include <openssl/err.h>
#include <openssl/crypto.h>
#include <openssl/bio.h>
#include <openssl/opensslv.h>

static inline EVP_MD_CTX *phr_EVP_MD_CTX_new(void) { return EVP_MD_CTX_new(); }
static inline unsigned long phr_openssl_version_number(void) { return OPENSSL_VERSION_NUMBER; }
static inline int phr_evp_pkey_keypair(void) { return EVP_PKEY_KEYPAIR; }
static inline int phr_evp_pkey_public_key(void) { return EVP_PKEY_PUBLIC_KEY; }
static inline void phr_openssl_free(void *p) { OPENSSL_free(p); }
#endif
