#pragma once
// OCPP 1.6 security extension, certificate management: SignCertificate, CertificateSigned,
// InstallCertificate, DeleteCertificate and GetInstalledCertificateIds.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ocpp/messages/json_fields.hpp"

namespace ocpp::messages {

// HashAlgorithmEnumType.
enum class HashAlgorithm { SHA256, SHA384, SHA512 };
template <>
struct EnumNames<HashAlgorithm> {
  static constexpr auto names = std::to_array<std::pair<HashAlgorithm, std::string_view>>({
      {HashAlgorithm::SHA256, "SHA256"},
      {HashAlgorithm::SHA384, "SHA384"},
      {HashAlgorithm::SHA512, "SHA512"},
  });
};

// CertificateUseEnumType: which kind of root certificate.
enum class CertificateUse { CentralSystemRootCertificate, ManufacturerRootCertificate };
template <>
struct EnumNames<CertificateUse> {
  static constexpr auto names = std::to_array<std::pair<CertificateUse, std::string_view>>({
      {CertificateUse::CentralSystemRootCertificate, "CentralSystemRootCertificate"},
      {CertificateUse::ManufacturerRootCertificate, "ManufacturerRootCertificate"},
  });
};

// CertificateHashDataType: identifies a certificate as OCSP does, by its issuer's hashes and its
// serial number (hex strings).
struct CertificateHashData {
  HashAlgorithm hashAlgorithm = HashAlgorithm::SHA256;
  std::string issuerNameHash;  // hash of the issuer's DER-encoded distinguished name
  std::string issuerKeyHash;   // hash of the issuer's public key
  std::string serialNumber;
  friend bool operator==(const CertificateHashData&, const CertificateHashData&) = default;
};
OCPP_FIELDS(CertificateHashData, hashAlgorithm, issuerNameHash, issuerKeyHash, serialNumber)

// --- SignCertificate (charge point → central system) ---------------------------------------------

// GenericStatusEnumType.
enum class GenericStatus { Accepted, Rejected };
template <>
struct EnumNames<GenericStatus> {
  static constexpr auto names = std::to_array<std::pair<GenericStatus, std::string_view>>({
      {GenericStatus::Accepted, "Accepted"},
      {GenericStatus::Rejected, "Rejected"},
  });
};

struct SignCertificateResponse {
  GenericStatus status = GenericStatus::Rejected;
  friend bool operator==(const SignCertificateResponse&, const SignCertificateResponse&) = default;
};
OCPP_FIELDS(SignCertificateResponse, status)

struct SignCertificateRequest {
  static constexpr std::string_view action = "SignCertificate";
  using Response = SignCertificateResponse;

  std::string csr;  // PEM-encoded PKCS#10 certificate signing request
  friend bool operator==(const SignCertificateRequest&, const SignCertificateRequest&) = default;
};
OCPP_FIELDS(SignCertificateRequest, csr)

// --- CertificateSigned ---------------------------------------------------------------------------

// CertificateSignedStatusEnumType.
enum class CertificateSignedStatus { Accepted, Rejected };
template <>
struct EnumNames<CertificateSignedStatus> {
  static constexpr auto names =
      std::to_array<std::pair<CertificateSignedStatus, std::string_view>>({
          {CertificateSignedStatus::Accepted, "Accepted"},
          {CertificateSignedStatus::Rejected, "Rejected"},
      });
};

struct CertificateSignedResponse {
  CertificateSignedStatus status = CertificateSignedStatus::Rejected;
  friend bool operator==(const CertificateSignedResponse&,
                         const CertificateSignedResponse&) = default;
};
OCPP_FIELDS(CertificateSignedResponse, status)

struct CertificateSignedRequest {
  static constexpr std::string_view action = "CertificateSigned";
  using Response = CertificateSignedResponse;

  std::string certificateChain;  // PEM: the signed certificate, optionally followed by sub-CA ones
  friend bool operator==(const CertificateSignedRequest&,
                         const CertificateSignedRequest&) = default;
};
OCPP_FIELDS(CertificateSignedRequest, certificateChain)

// --- InstallCertificate --------------------------------------------------------------------------

// InstallCertificateStatusEnumType.
enum class InstallCertificateStatus { Accepted, Failed, Rejected };
template <>
struct EnumNames<InstallCertificateStatus> {
  static constexpr auto names =
      std::to_array<std::pair<InstallCertificateStatus, std::string_view>>({
          {InstallCertificateStatus::Accepted, "Accepted"},
          {InstallCertificateStatus::Failed, "Failed"},
          {InstallCertificateStatus::Rejected, "Rejected"},
      });
};

struct InstallCertificateResponse {
  InstallCertificateStatus status = InstallCertificateStatus::Rejected;
  friend bool operator==(const InstallCertificateResponse&,
                         const InstallCertificateResponse&) = default;
};
OCPP_FIELDS(InstallCertificateResponse, status)

struct InstallCertificateRequest {
  static constexpr std::string_view action = "InstallCertificate";
  using Response = InstallCertificateResponse;

  CertificateUse certificateType = CertificateUse::CentralSystemRootCertificate;
  std::string certificate;  // PEM
  friend bool operator==(const InstallCertificateRequest&,
                         const InstallCertificateRequest&) = default;
};
OCPP_FIELDS(InstallCertificateRequest, certificateType, certificate)

// --- DeleteCertificate ---------------------------------------------------------------------------

// DeleteCertificateStatusEnumType.
enum class DeleteCertificateStatus { Accepted, Failed, NotFound };
template <>
struct EnumNames<DeleteCertificateStatus> {
  static constexpr auto names =
      std::to_array<std::pair<DeleteCertificateStatus, std::string_view>>({
          {DeleteCertificateStatus::Accepted, "Accepted"},
          {DeleteCertificateStatus::Failed, "Failed"},
          {DeleteCertificateStatus::NotFound, "NotFound"},
      });
};

struct DeleteCertificateResponse {
  DeleteCertificateStatus status = DeleteCertificateStatus::Failed;
  friend bool operator==(const DeleteCertificateResponse&,
                         const DeleteCertificateResponse&) = default;
};
OCPP_FIELDS(DeleteCertificateResponse, status)

struct DeleteCertificateRequest {
  static constexpr std::string_view action = "DeleteCertificate";
  using Response = DeleteCertificateResponse;

  CertificateHashData certificateHashData;
  friend bool operator==(const DeleteCertificateRequest&,
                         const DeleteCertificateRequest&) = default;
};
OCPP_FIELDS(DeleteCertificateRequest, certificateHashData)

// --- GetInstalledCertificateIds ------------------------------------------------------------------

// GetInstalledCertificateStatusEnumType.
enum class GetInstalledCertificateStatus { Accepted, NotFound };
template <>
struct EnumNames<GetInstalledCertificateStatus> {
  static constexpr auto names =
      std::to_array<std::pair<GetInstalledCertificateStatus, std::string_view>>({
          {GetInstalledCertificateStatus::Accepted, "Accepted"},
          {GetInstalledCertificateStatus::NotFound, "NotFound"},
      });
};

struct GetInstalledCertificateIdsResponse {
  // The schema asks for at least one entry when present, so send none as absent, never as [].
  std::optional<std::vector<CertificateHashData>> certificateHashData;
  GetInstalledCertificateStatus status = GetInstalledCertificateStatus::NotFound;
  friend bool operator==(const GetInstalledCertificateIdsResponse&,
                         const GetInstalledCertificateIdsResponse&) = default;
};
OCPP_FIELDS(GetInstalledCertificateIdsResponse, certificateHashData, status)

struct GetInstalledCertificateIdsRequest {
  static constexpr std::string_view action = "GetInstalledCertificateIds";
  using Response = GetInstalledCertificateIdsResponse;

  CertificateUse certificateType = CertificateUse::CentralSystemRootCertificate;
  friend bool operator==(const GetInstalledCertificateIdsRequest&,
                         const GetInstalledCertificateIdsRequest&) = default;
};
OCPP_FIELDS(GetInstalledCertificateIdsRequest, certificateType)

}  // namespace ocpp::messages
