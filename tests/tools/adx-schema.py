#!/usr/bin/env python3
"""A data-structure-specific ADX schema for one fiscal year, made from the
generic one (tests/adx/adx.xsd) and the year's framework:

    adx-schema.py tests/adx/adx.xsd input/framework/2567.xml >adx-2567.xsd

The data elements are the framework's indicator codes, and CODE.num and
CODE.den for its percentages; the periods are the framework's rounds as
intervals from the fiscal year's first day (1 October of CE year FY-544):
P3M, P6M, P9M and, for the whole year, P1Y.  Everything else is the
generic schema's.
"""
import sys
import xml.etree.ElementTree as ET

FNS = "{urn:tidtam:framework:1}"
generic, framework = sys.argv[1], sys.argv[2]
root = ET.parse(framework).getroot()
fy = int(root.attrib["fiscal-year"])
start = "%d-10-01" % (fy - 544)
elements = []
for ind in root.iter(FNS + "indicator"):
    code = ind.attrib["code"]
    elements.append(code)
    if ind.attrib.get("type") == "percent":
        elements += [code + ".num", code + ".den"]
periods = []
for r in root.iter(FNS + "round"):
    m = int(r.attrib["months"])
    periods.append(start + ("/P1Y" if m == 12 else "/P%dM" % m))


def enum(name, values):
    return ('  <xs:simpleType name="%s">\n    <xs:restriction base="xs:token">\n' % name +
            "".join('      <xs:enumeration value="%s"/>\n' % v for v in values) +
            "    </xs:restriction>\n  </xs:simpleType>\n")


text = open(generic, encoding="utf-8").read()
old_de = 'name="dataElement" use="required" type="xs:token"'
old_pe = 'name="period" use="required" type="periodType"'
assert old_de in text and old_pe in text, "the generic schema changed"
text = text.replace(old_de, 'name="dataElement" use="required" type="dataElementType"')
text = text.replace(old_pe, 'name="period" use="required" type="roundPeriodType"')
text = text.replace("  <xs:element name=\"adx\"",
                    enum("dataElementType", elements) + enum("roundPeriodType", periods) +
                    "\n  <xs:element name=\"adx\"")
sys.stdout.write(text)
