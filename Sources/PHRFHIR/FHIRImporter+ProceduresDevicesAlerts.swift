import Foundation

/// Procedure, DeviceUseStatement (with its Device) and Flag: the `procedures`, `devices` and `alerts` sections.
extension FHIRImporter {
    mutating func mapProcedure(_ e: Entry) -> Bool {
        let r = e.resource
        let status = r.string("status")
        if status == "entered-in-error" {
            dropResource(e, reason: "status entered-in-error: not a fact to carry")
            return false
        }
        if full(procedures?.count, e) { return false }
        let (code, text) = concept(r["code"], entry: e)
        guard code != nil || text != nil else { dropResource(e, reason: "no code or text"); return false }
        var procedure = Procedure(code: code, text: text)
        var used: Set<String> = ["code", "status"]
        if let s = status {
            procedure.status = Procedure.Status(rawValue: s)
            // `unknown` is what the export writes for "no status"; other values are reported.
            if procedure.status == nil && s != "unknown" { used.remove("status") }
        }
        if let dt = r["performedDateTime"] {
            procedure.date = date(dt, entry: e)
            used.insert("performedDateTime")
        } else if let start = r["performedPeriod"]?["start"] {
            procedure.date = date(start, entry: e)
            used.insert("performedPeriod")
            if let end = r["performedPeriod"]?["end"] { drop(e, end.path, what: "performed period end", reason: "the record keeps the start date") }
        }
        reportRest(e, r, used: used, reasons: [
            "status": "the record keeps the statuses completed, in-progress and not-done",
            "performer": "performers are not carried", "bodySite": "the body site is not carried",
            "reasonCode": "reasons are not carried", "outcome": "the outcome is not carried"])
        procedures = (procedures ?? []) + [procedure]
        return true
    }

    /// A DeviceUseStatement (the device type from the referenced Device, else the reference's display) or a Device
    /// referenced directly from a section.
    mutating func mapDevice(_ e: Entry) -> Bool {
        let r = e.resource
        let status = r.string("status")
        if status == "entered-in-error" {
            dropResource(e, reason: "status entered-in-error: not a fact to carry")
            return false
        }
        if full(devices?.count, e) { return false }
        var code: ClinicalCode?
        var text: String?
        var used: Set<String> = []
        if e.type == "Device" {
            (code, text) = concept(r["type"], entry: e)
            used = ["type", "status"]
            if let s = status, s != "active" { used.remove("status") }
        } else {
            used = ["status", "device"]
            if let ref = r["device"] {
                if let d = resolve(ref, from: e), d.type == "Device" {
                    consumed.insert(d.index)
                    (code, text) = concept(d.resource["type"], entry: d)
                    var deviceUsed: Set<String> = ["type"]
                    if d.resource.string("status") == "active" || d.resource["status"] == nil { deviceUsed.insert("status") }
                    reportRest(d, d.resource, used: deviceUsed, reasons: [
                        "identifier": "device identifiers are not carried", "udiCarrier": "the UDI is not carried",
                        "deviceName": "device names are not carried (the type is)",
                        "manufacturer": "the manufacturer is not carried", "status": "the record lists devices in use"])
                } else {
                    text = self.text(ref.string("display"), entry: e, path: ref.path)
                    if text == nil { used.remove("device") }
                }
            }
            if let s = status, s != "active" { used.remove("status") }
            var since: PartialDate?
            if let start = r["timingPeriod"]?["start"] {
                since = date(start, entry: e)
                used.insert("timingPeriod")
                if let end = r["timingPeriod"]?["end"] { drop(e, end.path, what: "end date", reason: "the record keeps the start date") }
            } else if let dt = r["timingDateTime"] {
                since = date(dt, entry: e)
                used.insert("timingDateTime")
            }
            guard code != nil || text != nil else { dropResource(e, reason: "no device type or text"); return false }
            reportRest(e, r, used: used, reasons: ["status": "the record lists devices in use",
                                                   "bodySite": "the body site is not carried",
                                                   "reasonCode": "reasons are not carried"])
            devices = (devices ?? []) + [MedicalDevice(code: code, text: text, since: since)]
            return true
        }
        guard code != nil || text != nil else { dropResource(e, reason: "no device type or text"); return false }
        reportRest(e, r, used: used, reasons: [
            "identifier": "device identifiers are not carried", "udiCarrier": "the UDI is not carried",
            "deviceName": "device names are not carried (the type is)",
            "manufacturer": "the manufacturer is not carried", "status": "the record lists devices in use"])
        devices = (devices ?? []) + [MedicalDevice(code: code, text: text)]
        return true
    }

    mutating func mapFlag(_ e: Entry) -> Bool {
        let r = e.resource
        if let s = r.string("status"), s != "active" {
            dropResource(e, reason: "status \(s): not a current alert")
            return false
        }
        if full(alerts?.count, e) { return false }
        let (code, text) = concept(r["code"], entry: e)
        guard code != nil || text != nil else { dropResource(e, reason: "no code or text"); return false }
        var alert = Alert(code: code, text: text)
        var used: Set<String> = ["status", "code", "extension"]
        if let start = r["period"]?["start"] {
            alert.since = date(start, entry: e)
            used.insert("period")
            if let end = r["period"]?["end"] { drop(e, end.path, what: "period end", reason: "the record keeps the start date") }
        }
        for ext in r["extension"]?.items ?? [] {
            if ext.string("url") == FHIRCodes.flagPriorityExtension, alert.severity == nil,
               let priority = self.code(ext["valueCodeableConcept"], system: FHIRCodes.flagPriority),
               let severity = FHIRCodes.flagSeverity(priority: priority) {
                alert.severity = severity
                continue
            }
            drop(e, ext.path, what: "extension \(ext.string("url") ?? "")",
                 reason: "the record keeps one priority, PH (high) or PL (low), as the severity")
        }
        reportRest(e, r, used: used, reasons: ["category": "flag categories are not carried",
                                                "author": "authors are not carried", "encounter": "encounters are not carried"])
        alerts = (alerts ?? []) + [alert]
        return true
    }
}
