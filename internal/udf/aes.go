package udf

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"database/sql/driver"
	"fmt"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// aes_encrypt / aes_decrypt / try_aes_decrypt with Spark's conventions:
// GCM (12-byte IV, 16-byte tag, no padding) is the default mode; CBC and
// ECB use PKCS#7 padding; the IV is prepended to the output (CBC, GCM) and
// random when not given.

func init() {
	Register(
		Func{Name: "ember_aes_encrypt", Overloads: []duckdb.ScalarFunc{Scalar{
			In:  []duckdb.TypeInfo{tBlob, tBlob, tVarchar, tVarchar, tBlob, tBlob},
			Out: tBlob, Volatile: true,
			Fn: func(a []driver.Value) (any, error) {
				return aesEncrypt(blob(a[0]), blob(a[1]), str(a[2]), str(a[3]), blob(a[4]), blob(a[5]))
			}}}},
		Func{Name: "ember_aes_decrypt", Overloads: []duckdb.ScalarFunc{Scalar{
			In:  []duckdb.TypeInfo{tBlob, tBlob, tVarchar, tVarchar, tBlob, tBool},
			Out: tBlob,
			Fn: func(a []driver.Value) (any, error) {
				out, err := aesDecrypt(blob(a[0]), blob(a[1]), str(a[2]), str(a[3]), blob(a[4]))
				if err != nil && !a[5].(bool) {
					return nil, nil
				}
				return out, err
			}}}},
	)
}

// aesFnName is how Spark names the AES functions in their errors.
const aesFnName = "`aes_encrypt`/`aes_decrypt`"

func aesMode(mode, padding, fn string) (string, error) {
	m, p := strings.ToUpper(mode), strings.ToUpper(padding)
	switch {
	case m == "GCM" && (p == "NONE" || p == "DEFAULT"),
		(m == "CBC" || m == "ECB") && (p == "PKCS" || p == "DEFAULT"):
		return m, nil
	}
	return "", SparkError("UNSUPPORTED_FEATURE.AES_MODE", "mode", mode, "padding", padding, "functionName", aesFnName)
}

func aesBlock(key []byte, fn string) (cipher.Block, error) {
	switch len(key) {
	case 16, 24, 32:
	default:
		return nil, SparkError("INVALID_PARAMETER_VALUE.AES_KEY_LENGTH", "parameter", "`key`", "functionName", aesFnName, "actualLength", fmt.Sprint(len(key)))
	}
	return aes.NewCipher(key)
}

func aesEncrypt(in, key []byte, mode, padding string, iv, aad []byte) (any, error) {
	const fn = "aes_encrypt"
	m, err := aesMode(mode, padding, fn)
	if err != nil {
		return nil, err
	}
	block, err := aesBlock(key, fn)
	if err != nil {
		return nil, err
	}
	if len(aad) > 0 && m != "GCM" {
		return nil, SparkError("UNSUPPORTED_FEATURE.AES_MODE_AAD", "functionName", aesFnName, "mode", m)
	}
	switch m {
	case "ECB":
		if len(iv) > 0 {
			return nil, SparkError("UNSUPPORTED_FEATURE.AES_MODE_IV", "functionName", aesFnName, "mode", m)
		}
		p := pkcs7(in)
		out := make([]byte, len(p))
		for i := 0; i < len(p); i += aes.BlockSize {
			block.Encrypt(out[i:], p[i:i+aes.BlockSize])
		}
		return out, nil
	case "CBC":
		if len(iv) == 0 {
			iv = randomBytes(aes.BlockSize)
		} else if len(iv) != aes.BlockSize {
			return nil, ivLength(fn, m, len(iv), aes.BlockSize)
		}
		p := pkcs7(in)
		out := append(append([]byte{}, iv...), make([]byte, len(p))...)
		cipher.NewCBCEncrypter(block, iv).CryptBlocks(out[len(iv):], p)
		return out, nil
	default:
		if len(iv) == 0 {
			iv = randomBytes(12)
		} else if len(iv) != 12 {
			return nil, ivLength(fn, m, len(iv), 12)
		}
		g, err := cipher.NewGCM(block)
		if err != nil {
			return nil, err
		}
		return g.Seal(append([]byte{}, iv...), iv, in, aad), nil
	}
}

func aesDecrypt(in, key []byte, mode, padding string, aad []byte) (any, error) {
	const fn = "aes_decrypt"
	m, err := aesMode(mode, padding, fn)
	if err != nil {
		return nil, err
	}
	block, err := aesBlock(key, fn)
	if err != nil {
		return nil, err
	}
	if len(aad) > 0 && m != "GCM" {
		return nil, SparkError("UNSUPPORTED_FEATURE.AES_MODE_AAD", "functionName", aesFnName, "mode", m)
	}
	cryptoErr := func(detail string) error {
		return SparkError("INVALID_PARAMETER_VALUE.AES_CRYPTO_ERROR", "parameter", "`expr`, `key`", "functionName", aesFnName, "detailMessage", detail)
	}
	switch m {
	case "ECB", "CBC":
		var iv []byte
		if m == "CBC" {
			if len(in) < aes.BlockSize {
				return nil, cryptoErr("Input too short")
			}
			iv, in = in[:aes.BlockSize], in[aes.BlockSize:]
		}
		if len(in)%aes.BlockSize != 0 || len(in) == 0 {
			return nil, cryptoErr("Input length must be multiple of 16 when decrypting with padded cipher")
		}
		out := make([]byte, len(in))
		if m == "CBC" {
			cipher.NewCBCDecrypter(block, iv).CryptBlocks(out, in)
		} else {
			for i := 0; i < len(in); i += aes.BlockSize {
				block.Decrypt(out[i:], in[i:i+aes.BlockSize])
			}
		}
		n := int(out[len(out)-1])
		if n == 0 || n > aes.BlockSize || !bytes.Equal(out[len(out)-n:], bytes.Repeat([]byte{byte(n)}, n)) {
			return nil, cryptoErr("Given final block not properly padded. Such issues can arise if a bad key is used during decryption.")
		}
		return out[:len(out)-n], nil
	default:
		g, err := cipher.NewGCM(block)
		if err != nil {
			return nil, err
		}
		if len(in) < 12+g.Overhead() {
			return nil, cryptoErr("Input too short")
		}
		out, err := g.Open(nil, in[:12], in[12:], aad)
		if err != nil {
			return nil, cryptoErr("Tag mismatch")
		}
		if out == nil {
			out = []byte{}
		}
		return out, nil
	}
}

func ivLength(fn, mode string, got, want int) error {
	return SparkError("INVALID_PARAMETER_VALUE.AES_IV_LENGTH", "parameter", "`iv`", "functionName", aesFnName, "mode", mode, "actualLength", fmt.Sprint(got), "expectedLength", fmt.Sprint(want))
}

func pkcs7(b []byte) []byte {
	n := aes.BlockSize - len(b)%aes.BlockSize
	return append(append([]byte{}, b...), bytes.Repeat([]byte{byte(n)}, n)...)
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}
